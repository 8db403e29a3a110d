/**
 * The gateway's own keys and certificates, and the S/MIME it writes: encrypting (and later signing)
 * the mail that acknowledge and forward send. Reading S/MIME is the unwrap stage's.
 */
package scot.sirgateway.smime;
