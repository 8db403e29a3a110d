/**
 * Extract: finds the notification's content in a message: the form's {@code label: value} lines in
 * the body and in text attachments (PDF forms and documents join here, each read in a reader process
 * the gateway can kill). Driven by {@code routes/extract.camel.yaml}.
 */
package scot.sirgateway.extract;
