package scot.sirgateway.acknowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Form;

/**
 * How the gateway's replies name a form's fields: by the label the form definition gives it, then its key,
 * "Date of the incident (incident_date)". The label is what the council saw in the web form and the PDF;
 * the key is the name in the PDF, the API and a council's own system. Naming them here, from the one
 * definition, keeps the replies from disagreeing with the forms.
 */
public final class FieldNames {

    /** The fields of one section of a form, named, for a reply that lists them section by section. */
    public record Section(String title, List<String> fields) {
    }

    private FieldNames() {
    }

    /** A field of the notification form, named: its label and key; the key alone when the form has none. */
    public static String notification(String key) {
        return named(FormDefinition.notification(), key);
    }

    /** A field of the review form, named as {@link #notification} names the notification's. */
    public static String review(String key) {
        return named(FormDefinition.review(), key);
    }

    /**
     * The fields among {@code keys}, named, in the notification form's order and grouped by its sections;
     * sections with none of them are left out.
     */
    public static List<Section> notificationSections(Collection<String> keys) {
        List<Section> sections = new ArrayList<>();
        for (FormDefinition.Section section : FormDefinition.notification().sections()) {
            List<String> named = section.fields().stream().filter(field -> keys.contains(field.key()))
                    .map(field -> notification(field.key())).toList();
            if (!named.isEmpty()) {
                sections.add(new Section(section.title(), named));
            }
        }
        return sections;
    }

    private static String named(Form form, String key) {
        return form.field(key).map(field -> field.label() + " (" + key + ")").orElse(key);
    }
}
