/**
 * Classify: turns the values a message carried into the typed fields of DOMAIN.md (council, dates,
 * codes, yes/no) with a confidence each, and says what an operator must confirm. Driven by
 * {@code routes/classify.camel.yaml}.
 */
package scot.sirgateway.classify;
