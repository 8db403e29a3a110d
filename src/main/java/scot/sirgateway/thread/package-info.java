/**
 * Mail about an existing notification: threaded by the reference its subject quotes or the gateway's
 * Message-ID it answers, then taken as a review, correspondence or an automatic reply; delivery reports
 * about the gateway's own mail.
 */
package scot.sirgateway.thread;
