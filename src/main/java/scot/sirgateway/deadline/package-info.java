/**
 * Deadline: what is watched after registration: forward alerts raised four working hours before a
 * forward is due, operator alerts (also mailed), the reminders that chase the review, comment and
 * information clocks ({@link scot.sirgateway.deadline.Reminders}, on the schedule of
 * {@link scot.sirgateway.deadline.ReminderSchedule}), and the open clocks of a period for the deadlines
 * API. Driven by {@code routes/deadline.camel.yaml}.
 */
package scot.sirgateway.deadline;
