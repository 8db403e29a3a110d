/**
 * Deadlines: the Scottish working-day calendar and the clocks counted on it (notification delay,
 * forward to Scottish Government, reminders). To be driven by {@code routes/deadline.camel.yaml}.
 */
package scot.sirgateway.deadline;
