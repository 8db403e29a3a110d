/**
 * Submit: a council's form posts (the council API and the web form) into the same pipeline as mail: checked
 * against the form definition, documents allowed by their content, stored first as a message of source FORM,
 * then run through the stages at once (the {@code intake-parse} route, {@code routes/intake.camel.yaml}).
 */
package scot.sirgateway.submit;
