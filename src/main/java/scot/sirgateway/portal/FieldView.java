package scot.sirgateway.portal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Field;
import scot.sirgateway.model.FormDefinition.Input;
import scot.sirgateway.model.FormDefinition.Section;

/**
 * A question as a page shows it, drawn from the form definition: the ids GOV.UK Frontend's components use
 * ({@code key} for the input or the first radio, {@code key-day} for a date), what was entered, its error,
 * and for radios the questions revealed under each option (a MAPPA level under "Yes").
 */
record FieldView(String key, String id, String label, String hint, String input, List<OptionView> options,
        String value, String day, String month, String year, String error, int maxLength, String autocomplete,
        String describedBy) {

    /** A radio or a select's option; {@code children} are the questions it reveals. */
    record OptionView(String code, String words, String id, boolean selected, List<FieldView> children) {
        public boolean hasChildren() {
            return !children.isEmpty();
        }

        public String conditionalId() {
            return "conditional-" + id;
        }
    }

    static final DateTimeFormatter WRITTEN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** The id a link to the question aims at: the first box of a date, the first radio, or the input. */
    static String anchor(Field field) {
        return field.input() == Input.DATE ? field.key() + "-day" : field.key();
    }

    /**
     * The section's questions as shown: {@code entered} holds what is shown in the boxes (codes for choices,
     * {@code key-day}, {@code key-month}, {@code key-year} for dates); {@code answers} the codes that decide
     * which conditional questions apply; a question revealed by a radio of the same section sits under it.
     */
    static List<FieldView> of(Section section, Map<String, String> entered, Map<String, String> answers,
            Map<String, String> errors) {
        Map<String, Field> byKey = new LinkedHashMap<>();
        section.fields().forEach(f -> byKey.put(f.key(), f));
        List<FieldView> views = new ArrayList<>();
        for (Field field : section.fields()) {
            if (field.input() == Input.COUNCIL) {
                continue;
            }
            if (field.shownWhen() != null) {
                Field parent = byKey.get(field.shownWhen().key());
                if (parent != null && parent.input() == Input.RADIOS) {
                    continue; // shown under its parent's option
                }
                if (!field.appliesTo(answers) && !errors.containsKey(field.key())) {
                    continue;
                }
            }
            views.add(view(field, section, entered, errors));
        }
        return views;
    }

    private static FieldView view(Field field, Section section, Map<String, String> entered, Map<String, String> errors) {
        String error = errors.get(field.key());
        List<OptionView> options = new ArrayList<>();
        for (int i = 0; i < field.options().size(); i++) {
            FormDefinition.Option option = field.options().get(i);
            List<FieldView> children = new ArrayList<>();
            if (field.input() == Input.RADIOS) {
                for (Field child : section.fields()) {
                    if (child.shownWhen() != null && child.shownWhen().key().equals(field.key())
                            && child.shownWhen().value().equalsIgnoreCase(option.code())) {
                        children.add(view(child, section, entered, errors));
                    }
                }
            }
            String id = i == 0 ? field.key() : field.key() + "-" + (i + 1);
            options.add(new OptionView(option.code(), option.words(), id,
                    option.code().equalsIgnoreCase(entered.get(field.key())), List.copyOf(children)));
        }
        List<String> describedBy = new ArrayList<>();
        if (field.hint() != null) {
            describedBy.add(field.key() + "-hint");
        }
        if (error != null) {
            describedBy.add(field.key() + "-error");
        }
        if (field.input() == Input.TEXTAREA) {
            describedBy.add(field.key() + "-info");
        }
        return new FieldView(field.key(), anchor(field), field.label(), field.hint(),
                field.input().name().toLowerCase(Locale.ROOT), List.copyOf(options), entered.get(field.key()),
                entered.get(field.key() + "-day"), entered.get(field.key() + "-month"), entered.get(field.key() + "-year"),
                error, field.maxLength(), field.autocomplete(), describedBy.isEmpty() ? null : String.join(" ", describedBy));
    }

    /** What the boxes show for saved answers: dates split into day, month and year. */
    static Map<String, String> entered(Section section, Map<String, String> saved) {
        Map<String, String> entered = new LinkedHashMap<>();
        for (Field field : section.fields()) {
            String value = saved.get(field.key());
            if (value == null) {
                continue;
            }
            if (field.input() == Input.DATE) {
                LocalDate date = LocalDate.parse(value);
                entered.put(field.key() + "-day", String.valueOf(date.getDayOfMonth()));
                entered.put(field.key() + "-month", String.valueOf(date.getMonthValue()));
                entered.put(field.key() + "-year", String.valueOf(date.getYear()));
            } else {
                entered.put(field.key(), value);
            }
        }
        return entered;
    }

    /** A saved answer in words: the option's words, a date written out, or the text as typed. */
    static String words(Field field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (field.chosen()) {
            return field.words(value);
        }
        if (field.input() == Input.DATE) {
            try {
                return LocalDate.parse(value).format(WRITTEN_DATE);
            } catch (java.time.format.DateTimeParseException e) {
                return value;
            }
        }
        return value;
    }
}
