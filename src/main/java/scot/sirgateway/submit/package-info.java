/**
 * TEMPORARY stand-in for the submit part's form submissions (issue 12, shared12.md signatures), so the web
 * form compiles and runs before it lands; deleted when main brings the real package.
 */
package scot.sirgateway.submit;
