/**
 * Deadline: what is watched after registration: forward alerts raised four working hours before a
 * forward is due, and operator alerts (also mailed). Driven by {@code routes/deadline.camel.yaml}.
 */
package scot.sirgateway.deadline;
