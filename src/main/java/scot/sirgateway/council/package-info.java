/**
 * The council registry: the 32 councils, their spellings and mail domains, loaded from
 * {@code gateway.councils-file} at start and mirrored into the database for reports and the console.
 */
package scot.sirgateway.council;
