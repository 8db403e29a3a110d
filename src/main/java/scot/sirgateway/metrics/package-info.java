/**
 * The gateway's counters and timers ({@code sir.*} on {@code /actuator/metrics} and {@code /actuator/prometheus}),
 * recorded by the stages that know what happened; a service any stage may use, driven by no route.
 */
package scot.sirgateway.metrics;
