package scot.sirgateway.submit;

import java.util.Map;

/**
 * A form post over a size limit (a document over {@code gateway.forms.max-document-bytes}, or all of them over
 * {@code gateway.mail.intake.max-message-bytes}): the API answers 413, the web form shows it by the field.
 */
public class FormTooLargeException extends FormInvalidException {

    public FormTooLargeException(Map<String, String> errors) {
        super(errors);
    }
}
