/**
 * Operator: who may sign in (accounts, roles, the first admin, the lock after failed sign-ins) and the HTTP
 * API (notifications with what follows them, quarantine, alerts, accounts, the inspectorate's follow-up),
 * with problem+json errors.
 */
package scot.sirgateway.operator;
