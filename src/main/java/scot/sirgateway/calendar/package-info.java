/**
 * The Scottish working-day calendar and the clocks counted on it (notification delay, forward and
 * review due dates): a service registration and deadline use. No route of its own.
 */
package scot.sirgateway.calendar;
