package scot.sirgateway.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The notification form and the review form, defined once in {@code forms/form-definition.yaml}: sections,
 * and for each field its key, label, hint, input, options (codes with their words), whether it is required
 * and its longest value. The web form draws its pages from it, the council API validates with it, the
 * fillable PDF is generated from it and the acknowledgement names fields by its labels, so they cannot
 * disagree. For the notification form, kind, required and length come from {@link FormField}; loading stops
 * when the file names another set of keys.
 */
public final class FormDefinition {

    /** How a field is asked. {@code COUNCIL} is never typed: it comes from the signed-in account or token. */
    public enum Input { TEXT, EMAIL, TEL, TEXTAREA, DATE, RADIOS, SELECT, COUNCIL }

    /** A code and the words it is shown in. */
    public record Option(String code, String words) {
    }

    /** "key=value": the field belongs only when another field has that answer. */
    public record Condition(String key, String value) {
        public boolean holds(Map<String, String> values) {
            String answer = values.get(key);
            return answer != null && answer.equalsIgnoreCase(value);
        }
    }

    /**
     * One field. {@code name} is how messages refer to it ("Enter the date of the incident").
     * {@code shownWhen} and {@code requiredWhen} are null when the field always belongs / is never
     * conditionally required.
     */
    public record Field(String key, String name, String label, String hint, Input input, List<Option> options,
            boolean required, Condition shownWhen, Condition requiredWhen, int maxLength, String autocomplete) {

        /** The words for a code of this field, or the code itself when it has no options. */
        public String words(String code) {
            return options.stream().filter(o -> o.code().equalsIgnoreCase(code)).map(Option::words).findFirst()
                    .orElse(code);
        }

        /** Whether the field belongs to the form with these answers (a MAPPA level only when MAPPA is yes). */
        public boolean appliesTo(Map<String, String> values) {
            return shownWhen == null || shownWhen.holds(values);
        }

        /** Whether an answer is needed with these answers. */
        public boolean requiredWith(Map<String, String> values) {
            return appliesTo(values) && (required || requiredWhen != null && requiredWhen.holds(values));
        }

        /** Whether the value is chosen from a list (radios, select): confidence 1 when it comes from a form. */
        public boolean chosen() {
            return input == Input.RADIOS || input == Input.SELECT;
        }
    }

    /** A page of the web form. */
    public record Section(String id, String title, List<Field> fields) {
    }

    /** What a check found: the values in their one written form (codes, ISO dates), and a message per field. */
    public record Checked(Map<String, String> values, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** One form: the notification or the review. */
    public record Form(String name, String title, List<Section> sections) {

        public List<Field> fields() {
            return sections.stream().flatMap(s -> s.fields().stream()).toList();
        }

        public Optional<Field> field(String key) {
            return fields().stream().filter(f -> f.key().equals(key)).findFirst();
        }

        public Optional<Section> section(String id) {
            return sections.stream().filter(s -> s.id().equals(id)).findFirst();
        }

        /**
         * Checks a whole submission: unknown keys, required answers, formats, codes, dates in the past and in
         * order. Values of fields that do not apply (a MAPPA level when MAPPA is no) are dropped.
         */
        public Checked check(Map<String, String> values, LocalDate today) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (String key : values.keySet()) {
                if (field(key).isEmpty()) {
                    errors.put(key, key + " is not a field of the " + title.toLowerCase(Locale.ROOT) + " form");
                }
            }
            Checked checked = checkFields(fields(), values, today, true);
            errors.putAll(checked.errors());
            return new Checked(checked.values(), errors);
        }

        /**
         * Checks one page as it is saved: formats always; required answers only when {@code complete} (a
         * draft may be saved half done, the submission may not).
         */
        public Checked check(Section section, Map<String, String> values, LocalDate today, boolean complete) {
            return checkFields(section.fields(), values, today, complete);
        }

        private Checked checkFields(List<Field> fields, Map<String, String> values, LocalDate today,
                boolean complete) {
            Map<String, String> normalised = new LinkedHashMap<>();
            Map<String, String> errors = new LinkedHashMap<>();
            // codes first, so that conditions read the written form of the answer ("Yes" as yes)
            Map<String, String> answers = new LinkedHashMap<>(values);
            for (Field field : fields()) {
                String value = values.get(field.key());
                if (field.chosen() && value != null) {
                    code(field, value.trim()).ifPresent(code -> answers.put(field.key(), code));
                }
            }
            for (Field field : fields) {
                String value = values.get(field.key());
                if (field.input() == Input.COUNCIL || !field.appliesTo(answers)) {
                    continue;
                }
                if (value == null || value.isBlank()) {
                    if (complete && field.requiredWith(answers)) {
                        errors.put(field.key(), (field.chosen() ? "Select " : "Enter ") + field.name());
                    }
                    continue;
                }
                Result result = normalise(field, value, today);
                if (result.error() != null) {
                    errors.put(field.key(), result.error());
                } else {
                    normalised.put(field.key(), result.value());
                }
            }
            orderOfDates(normalised, errors);
            return new Checked(normalised, errors);
        }

        /** The notification's dates in their order: aware not before the incident, born before it. */
        private void orderOfDates(Map<String, String> values, Map<String, String> errors) {
            LocalDate incident = date(values.get("incident_date"));
            LocalDate aware = date(values.get("aware_date"));
            LocalDate born = date(values.get("offender_dob"));
            if (incident != null && aware != null && aware.isBefore(incident) && !errors.containsKey("aware_date")) {
                errors.put("aware_date", "The date the council became aware must be the same as or after the date of the incident");
            }
            if (incident != null && born != null && !born.isBefore(incident) && !errors.containsKey("offender_dob")) {
                errors.put("offender_dob", "The offender's date of birth must be before the date of the incident");
            }
        }

        private static LocalDate date(String iso) {
            return iso == null ? null : LocalDate.parse(iso);
        }
    }

    private record Result(String value, String error) {
        static Result ok(String value) { return new Result(value, null); }
        static Result error(String message) { return new Result(null, message); }
    }

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/. ](\\d{1,2})[/. ](\\d{4})");
    private static final Pattern EMAIL = Pattern.compile("[!-~&&[^@<>(),;:\\\\\"\\[\\]]]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]{6,30}");
    /** Control characters other than tab and line breaks have no place in a form's answer. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private static final FormDefinition INSTANCE = load("forms/form-definition.yaml");

    private final Form notification;
    private final Form review;

    private FormDefinition(Form notification, Form review) {
        this.notification = notification;
        this.review = review;
    }

    /** The notification form. */
    public static Form notification() {
        return INSTANCE.notification;
    }

    /** The review form (its document is asked for besides these fields). */
    public static Form review() {
        return INSTANCE.review;
    }

    /** A date typed as day, month and year boxes, in the written form {@link Form#check} reads ("d/m/yyyy"). */
    public static String dateFromParts(String day, String month, String year) {
        String d = day == null ? "" : day.trim();
        String m = month == null ? "" : month.trim();
        String y = year == null ? "" : year.trim();
        return d.isEmpty() && m.isEmpty() && y.isEmpty() ? "" : d + "/" + m + "/" + y;
    }

    private static Result normalise(Field field, String raw, LocalDate today) {
        String value = field.input() == Input.TEXTAREA ? CONTROL.matcher(raw).replaceAll("").strip()
                : CONTROL.matcher(raw).replaceAll(" ").strip();
        String name = capitalised(field.name());
        if (value.length() > field.maxLength()) {
            return Result.error(name + " must be " + String.format(Locale.UK, "%,d", field.maxLength())
                    + " characters or fewer");
        }
        return switch (field.input()) {
            case EMAIL -> EMAIL.matcher(value).matches() ? Result.ok(value.toLowerCase(Locale.ROOT))
                    : Result.error("Enter " + field.name() + " in the correct format, like name@council.gov.uk");
            case TEL -> PHONE.matcher(value).matches() ? Result.ok(value)
                    : Result.error("Enter " + field.name() + " in the correct format, like 01632 960 001");
            case DATE -> date(field, value, today);
            case RADIOS, SELECT -> code(field, value).map(Result::ok)
                    .orElseGet(() -> Result.error("Select " + field.name() + " from the list"));
            default -> Result.ok(value);
        };
    }

    private static Result date(Field field, String value, LocalDate today) {
        String name = capitalised(field.name());
        Matcher iso = ISO_DATE.matcher(value);
        Matcher dayFirst = DAY_FIRST.matcher(value);
        int year;
        int month;
        int day;
        if (iso.matches()) {
            year = Integer.parseInt(iso.group(1));
            month = Integer.parseInt(iso.group(2));
            day = Integer.parseInt(iso.group(3));
        } else if (dayFirst.matches()) {
            day = Integer.parseInt(dayFirst.group(1));
            month = Integer.parseInt(dayFirst.group(2));
            year = Integer.parseInt(dayFirst.group(3));
        } else {
            String[] parts = value.split("/", -1);
            if (parts.length == 3) {
                String missing = parts[0].isBlank() ? "a day" : parts[1].isBlank() ? "a month" : parts[2].isBlank() ? "a year" : null;
                if (missing != null) {
                    return Result.error(name + " must include " + missing);
                }
            }
            return Result.error(name + " must be a real date");
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return Result.error(name + " must be a real date");
        }
        if (date.isAfter(today)) {
            return Result.error(name + " must be today or in the past");
        }
        if (year < 1900) {
            return Result.error(name + " must be after 1900");
        }
        return Result.ok(date.toString());
    }

    /** The option a written answer names: its code in any case, or its words; yes/no also as true/false. */
    private static Optional<String> code(Field field, String value) {
        String written = value.trim();
        String asCode = written.replaceAll("[\\s\\-]+", "_");
        if (written.equalsIgnoreCase("true")) {
            asCode = "yes";
        } else if (written.equalsIgnoreCase("false")) {
            asCode = "no";
        }
        for (Option option : field.options()) {
            if (option.code().equalsIgnoreCase(asCode) || option.words().equalsIgnoreCase(written)) {
                return Optional.of(option.code());
            }
        }
        return Optional.empty();
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    // --- loading ---

    static FormDefinition load(String resource) {
        Map<String, Object> root;
        try (InputStream in = FormDefinition.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the form definition " + resource + " is missing");
            }
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Form notification = form("notification", map(root.get("notification")), true);
        Form review = form("review", map(root.get("review")), false);
        Set<String> keys = notification.fields().stream().map(Field::key).collect(Collectors.toSet());
        Set<String> vocabulary = Arrays.stream(FormField.values()).map(FormField::key).collect(Collectors.toSet());
        if (!keys.equals(vocabulary) || keys.size() != notification.fields().size()) {
            throw new IllegalStateException("the notification form must define each key of FormField exactly once");
        }
        return new FormDefinition(notification, review);
    }

    private static Form form(String name, Map<String, Object> yaml, boolean notification) {
        @SuppressWarnings("unchecked")
        List<String> required = (List<String>) yaml.getOrDefault("required", List.of());
        List<Section> sections = new ArrayList<>();
        for (Object s : (List<?>) yaml.get("sections")) {
            Map<String, Object> section = map(s);
            @SuppressWarnings("unchecked")
            List<String> sectionRequired = (List<String>) section.getOrDefault("required", required);
            List<Field> fields = new ArrayList<>();
            for (Object f : (List<?>) section.get("fields")) {
                fields.add(field(map(f), notification, sectionRequired));
            }
            sections.add(new Section(text(section, "id"), text(section, "title"), List.copyOf(fields)));
        }
        return new Form(name, text(yaml, "title"), List.copyOf(sections));
    }

    private static Field field(Map<String, Object> yaml, boolean notification, List<String> required) {
        String key = text(yaml, "key");
        Input input = Input.valueOf(text(yaml, "input").toUpperCase(Locale.ROOT));
        List<Option> options = new ArrayList<>();
        for (Object o : (List<?>) yaml.getOrDefault("options", List.of())) {
            Map<String, Object> option = map(o);
            options.add(new Option(String.valueOf(option.get("code")), String.valueOf(option.get("words"))));
        }
        if ((input == Input.RADIOS || input == Input.SELECT) == options.isEmpty()) {
            throw new IllegalStateException("form field " + key + ": radios and selects have options, nothing else does");
        }
        boolean isRequired;
        int maxLength;
        if (notification) {
            FormField vocabulary = FormField.byLabel(key).orElseThrow(
                    () -> new IllegalStateException("form field " + key + " is not a key of the notification form"));
            isRequired = vocabulary.required();
            maxLength = vocabulary.maxLength();
        } else {
            isRequired = required.contains(key);
            maxLength = yaml.get("max-length") instanceof Number n ? n.intValue() : 500;
        }
        String name = yaml.get("name") == null ? text(yaml, "label").toLowerCase(Locale.ROOT) : text(yaml, "name");
        return new Field(key, name, text(yaml, "label"), (String) yaml.get("hint"), input, List.copyOf(options),
                isRequired, condition(yaml.get("shown-when")), condition(yaml.get("required-when")), maxLength,
                (String) yaml.get("autocomplete"));
    }

    private static Condition condition(Object text) {
        if (text == null) {
            return null;
        }
        String[] parts = String.valueOf(text).split("=", 2);
        return new Condition(parts[0].trim(), parts[1].trim());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    private static String text(Map<String, Object> yaml, String key) {
        Object value = yaml.get(key);
        if (value == null) {
            throw new IllegalStateException("the form definition misses '" + key + "' in " + yaml);
        }
        return String.valueOf(value);
    }

    /** Inputs whose value is free text (what a person typed), as opposed to a code or a date. */
    public static final Set<Input> TYPED = EnumSet.of(Input.TEXT, Input.EMAIL, Input.TEL, Input.TEXTAREA);
}
