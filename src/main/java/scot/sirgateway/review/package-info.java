/**
 * Reviews of a notification: read from a mail threaded to it ({@code routes/review.camel.yaml}) or entered
 * through the API, each its own entry (r1, r2, ...) with its keys' provenance, acknowledged, confirmed by an
 * operator when unsure, and commented on by the inspectorate.
 */
package scot.sirgateway.review;
