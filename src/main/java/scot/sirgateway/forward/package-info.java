/**
 * Forward: every registered or released notification goes to Scottish Government through the outbox,
 * signed by the gateway and encrypted to each of its certificates; the notification is FORWARDED once sent.
 */
package scot.sirgateway.forward;
