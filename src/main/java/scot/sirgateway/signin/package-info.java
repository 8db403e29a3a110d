/**
 * Sign-in: the second factor (a code mailed to the account's own address, or a recovery code), the sign-in
 * pages, councils' API tokens and the audit trail of who signed in, failed, was locked or made a token.
 * Codes, recovery codes and tokens are stored hashed; none of them, nor a password or an address, is logged
 * or audited.
 */
package scot.sirgateway.signin;
