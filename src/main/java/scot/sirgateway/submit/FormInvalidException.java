package scot.sirgateway.submit;

import java.util.Map;

/** A form's answers refused, field key to message (temporary stand-in, see package-info). */
public class FormInvalidException extends RuntimeException {

    private final Map<String, String> errors;

    public FormInvalidException(Map<String, String> errors) {
        super("the form has errors in " + errors.keySet());
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
