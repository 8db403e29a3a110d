/**
 * Follow-up: what the inspectorate does about a notification after it is registered: the strategic
 * inspector assigned, requests to the council for additional information (mailed, answered by a threaded
 * reply), the pause of its reminders; and the records of reviews, requests and reminders its JSON shows.
 */
package scot.sirgateway.followup;
