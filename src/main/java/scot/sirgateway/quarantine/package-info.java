/**
 * Quarantine: where every message a stage cannot accept waits for an operator, with the stage that
 * stopped it, a reason code and a reason an operator understands. The error policy in
 * {@code routes/error-policy.camel.yaml} sends failures here.
 */
package scot.sirgateway.quarantine;
