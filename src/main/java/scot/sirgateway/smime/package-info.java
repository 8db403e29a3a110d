/**
 * The gateway's own keys and certificates, and the S/MIME it writes: signing and encrypting the mail that
 * acknowledge and forward send (reading S/MIME is unwrap's). A service; no route of its own.
 */
package scot.sirgateway.smime;
