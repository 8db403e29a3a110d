/**
 * Extract: the form values of a message, from PDF forms (encrypted too, AcroForm and XFA), document
 * text and label lines, each document read in a reader process. Driven by {@code routes/extract.camel.yaml}.
 */
package scot.sirgateway.extract;
