/**
 * The fillable PDF of the notification form, generated with PDFBox from the form definition: its AcroForm
 * fields are named by the form's keys, so {@code extract} reads a completed one field by field.
 */
package scot.sirgateway.pdfform;
