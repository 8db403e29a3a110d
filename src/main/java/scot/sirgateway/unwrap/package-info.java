/**
 * Unwrap: takes the S/MIME layers off (decrypts, verifies signatures, checks the signer against trust
 * anchors and council), then names the sender and its council. Driven by {@code routes/unwrap.camel.yaml}.
 */
package scot.sirgateway.unwrap;
