/**
 * The embedded mode of {@code mvn spring-boot:run}: a local mail server with the intake, demo
 * council and Scottish Government mailboxes, and a start-up note on how to try the gateway.
 */
package scot.sirgateway.embedded;
