/**
 * Register: turns a classified submission into a notification with its {@code SIR-YYYY-NNNN}
 * reference, per-field provenance and an append-only timeline, in one transaction. Driven by
 * {@code routes/register.camel.yaml}.
 */
package scot.sirgateway.register;
