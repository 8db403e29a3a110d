/**
 * Intake: takes every message from the inspectorate's mailbox, commits its raw bytes before anything
 * else, then feeds the stored rows through the stages. Driven by {@code routes/intake.camel.yaml}.
 */
package scot.sirgateway.intake;
