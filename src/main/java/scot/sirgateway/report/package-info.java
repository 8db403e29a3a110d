/**
 * The national report (DOMAIN.md's tables and figures) for a period, computed from the stored notifications,
 * reviews, comments and information requests, never from counters. No route drives it: the API asks for it.
 */
package scot.sirgateway.report;
