/**
 * Acknowledge: tells the sender what the gateway did with a message (the acknowledgement with its
 * reference, or what to do when it cannot be accepted), through the outbox and under the reply rules.
 */
package scot.sirgateway.acknowledge;
