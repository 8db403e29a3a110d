package scot.sirgateway.submit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form post the gateway refuses as it is: each field key (or {@code documents}, {@code document}) with the
 * message to show by it, in the GOV.UK manner ("Enter the date of the incident"). Nothing of it was kept.
 */
public class FormInvalidException extends RuntimeException {

    private final Map<String, String> errors;

    public FormInvalidException(Map<String, String> errors) {
        super("the form post has " + errors.size() + " invalid field(s): " + String.join(", ", errors.keySet()));
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** Field key to message, in the form's order. */
    public Map<String, String> errors() {
        return errors;
    }
}
