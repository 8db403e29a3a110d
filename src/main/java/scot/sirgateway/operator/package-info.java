/**
 * Operator: who may sign in (accounts, roles, the first admin) and the read side of the HTTP API
 * (notifications, quarantine), with problem+json errors.
 */
package scot.sirgateway.operator;
