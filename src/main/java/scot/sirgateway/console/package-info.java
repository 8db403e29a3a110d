/**
 * Console: the pages of the inspectorate's people (operators, inspectors, admins) on the gateway's own records:
 * the dashboard, notifications with their triage, quarantine, reviews and comments, and the admin pages. Pages
 * are server-rendered with the layout and GOV.UK Frontend's styles; every value is escaped by the template
 * engine; every view of a notification's details and every change is audited as its API twin is.
 */
package scot.sirgateway.console;
