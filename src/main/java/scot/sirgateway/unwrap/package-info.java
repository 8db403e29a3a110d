/**
 * Unwrap: peels the security layers off a message and says who sent it (the From address and the
 * council whose domain it is; S/MIME decryption and signatures join here). Driven by
 * {@code routes/unwrap.camel.yaml}.
 */
package scot.sirgateway.unwrap;
