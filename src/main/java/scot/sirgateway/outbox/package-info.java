/**
 * Outbox: every mail the gateway sends is rendered in full, stored (encrypted) with a fixed
 * Message-ID, and only then sent, with retries and back-off while the relay is down. Driven by
 * {@code routes/outbox.camel.yaml}.
 */
package scot.sirgateway.outbox;
