package scot.sirgateway.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.IncidentType;

/**
 * The label reading of the classification rules ({@code gateway.classification.rules-file}), which
 * extraction needs to find a form in a text: the {@code labels} councils write for each field, the
 * {@code label-words} that name a field no spelling knows, and whether a letter in prose reads as a
 * notification ({@code notification-phrases}, the incident types' {@code phrases}, {@code past-offence}).
 * The form definition's labels are read as one more spelling of their fields.
 * Also the phrase matching every reader of the rules shares. A file that names an unknown field or type
 * stops start-up.
 */
@Component
public class FormLabels {

    /** The label sections of the rules file, as written. */
    record LabelSections(Map<String, List<String>> labels, List<Map<String, String>> labelWords,
            List<IncidentPhrases> incidentTypes, List<String> pastOffence, List<String> notificationPhrases) {
    }

    /** An incident type's description phrases, as written. */
    record IncidentPhrases(String code, List<String> phrases) {
    }

    /** An incident type with the phrases of a description that point to it. */
    public record DescriptionPhrases(IncidentType type, List<String> phrases) {
    }

    /** A label-words entry: a label holding all of {@code words} names {@code field} (empty: no form field). */
    record LabelWords(Optional<FormField> field, List<String> words) {

        boolean matches(List<String> tokens) {
            return words.stream().allMatch(word -> tokens.stream().anyMatch(token -> word.length() >= 4
                    ? token.startsWith(word) : token.equals(word)));
        }
    }

    /** The rules' phrases with a {@code *}, compiled once each. */
    private static final Map<String, Pattern> WILDCARDS = new ConcurrentHashMap<>();

    /** Labels longer than this are sentences, not labels: their words name no field. */
    private static final int MAX_LABEL_WORDS = 9;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.;!?])\\s+|\\n");

    private final Map<String, FormField> labels = new HashMap<>();
    private final List<LabelWords> labelWords = new ArrayList<>();
    private final List<DescriptionPhrases> descriptionPhrases = new ArrayList<>();
    private final List<String> pastOffence;
    private final List<String> notificationPhrases;

    public FormLabels(@Value("${gateway.classification.rules-file:classpath:classification-rules.yaml}")
            String location, ResourceLoader resources) {
        String where = where(location);
        LabelSections file = binder(location, resources).bindOrCreate("", Bindable.of(LabelSections.class));
        orEmpty(file.labels()).forEach((key, spellings) -> {
            FormField field = FormField.byLabel(key).orElseThrow(() -> new IllegalStateException(where
                    + ": labels names '" + key + "', which is not a form field"));
            orEmpty(spellings).forEach(label -> labels.put(normalise(label), field));
        });
        // the form definition's own labels, as the web form and the fillable PDF print them, are one more
        // spelling each (after the rules' own, which win): a council that copies them reads back as it wrote
        for (FormDefinition.Field field : FormDefinition.notification().fields()) {
            labels.putIfAbsent(normalise(field.label()), FormField.byLabel(field.key()).orElseThrow());
        }
        for (FormField field : FormField.values()) {
            labels.put(normalise(field.key()), field);
        }
        orEmpty(file.labelWords()).forEach(entry -> entry.forEach((key, words) -> {
            Optional<FormField> field = key.equals("none") ? Optional.empty()
                    : Optional.of(FormField.byLabel(key).orElseThrow(() -> new IllegalStateException(where
                            + ": label-words names '" + key + "', which is not a form field")));
            labelWords.add(new LabelWords(field, List.of(normalise(words).split(" "))));
        }));
        if (file.incidentTypes() == null || file.incidentTypes().isEmpty()) {
            throw new IllegalStateException(where + ": incident-types is missing");
        }
        for (IncidentPhrases rule : file.incidentTypes()) {
            IncidentType type = IncidentType.byCode(String.valueOf(rule.code())).orElseThrow(() -> new IllegalStateException(
                    where + ": incident-types has the unknown code '" + rule.code() + "'"));
            descriptionPhrases.add(new DescriptionPhrases(type, phrases(rule.phrases())));
        }
        pastOffence = phrases(file.pastOffence());
        notificationPhrases = phrases(file.notificationPhrases());
    }

    /** The field a written label names, in any of the spellings of the rules. */
    public Optional<FormField> field(String label) {
        return Optional.ofNullable(labels.get(normalise(label)));
    }

    /**
     * The field a label no spelling knows names by its words: the first label-words entry whose words
     * it holds. Empty when none matches, when that entry is a {@code none} (an index offence is not the
     * incident) and for a label too long to be one or holding a number ("Category 3" is a value).
     */
    public Optional<FormField> fieldByWords(String label) {
        return labelWordsEntry(label).flatMap(LabelWords::field);
    }

    /** Whether a label's words say it is not one of the form's (a court, an index offence, a release date). */
    public boolean namesNoField(String label) {
        return labelWordsEntry(label).map(entry -> entry.field().isEmpty()).orElse(false);
    }

    private Optional<LabelWords> labelWordsEntry(String label) {
        List<String> tokens = List.of(normalise(label).split(" "));
        if (tokens.size() > MAX_LABEL_WORDS || label.replaceAll("\\([^)]*\\)", "").chars().anyMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return labelWords.stream().filter(entry -> entry.matches(tokens)).findFirst();
    }

    /**
     * The incident type a description's phrases point to, the first rule that matches; sentences about
     * the offence the order was made for (an index offence, a previous sentence) do not count.
     */
    public Optional<IncidentType> typeFromDescription(String text) {
        StringBuilder incident = new StringBuilder();
        for (String sentence : sentences(text)) {
            String s = normalise(sentence);
            if (pastOffence.stream().noneMatch(p -> containsPhrase(s, p))) {
                incident.append(s).append(" . ");
            }
        }
        String t = incident.toString();
        for (DescriptionPhrases rule : descriptionPhrases) {
            for (String phrase : rule.phrases()) {
                if (containsPhrase(t, phrase)) {
                    return Optional.of(rule.type());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a letter in prose reads as a notification: it names a known incident or says it notifies one. */
    public boolean readsAsNotification(String text) {
        String t = normalise(text);
        return typeFromDescription(text).isPresent() || notificationPhrases.stream().anyMatch(p -> containsPhrase(t, p));
    }

    /** A text's sentences, a line also ending one: how prose is read, one statement at a time. */
    public static String[] sentences(String text) {
        return SENTENCE_END.split(text);
    }

    /**
     * Lower case, letters and digits, single spaces, initials joined: "Date of Incident:" and "date of
     * incident" agree, and so do "C.P.O." and "CPO".
     */
    public static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('_', ' ').replace("&", " and ").replaceAll("[^a-z0-9]+", " ").trim()
                .replaceAll("(?<=\\b[a-z]) (?=[a-z]\\b)", "");
    }

    /** Whether a normalised text holds a phrase, word for word; a {@code *} in the phrase stands for any one word. */
    public static boolean containsPhrase(String normalisedText, String normalisedPhrase) {
        if (normalisedPhrase.contains("*")) {
            return WILDCARDS.computeIfAbsent(normalisedPhrase, phrase -> Pattern.compile("(^| )"
                    + Pattern.quote(phrase).replace(" * ", "\\E [a-z0-9]+ \\Q") + "( |$)")).matcher(normalisedText).find();
        }
        return (" " + normalisedText + " ").contains(" " + normalisedPhrase + " ");
    }

    /** The rules' phrases, normalised with their {@code *} wildcards kept; none for a section left out. */
    public static List<String> phrases(List<String> written) {
        return orEmpty(written).stream().map(FormLabels::normalisePhrase).toList();
    }

    private static String normalisePhrase(String phrase) {
        return Arrays.stream(phrase.split("\\*", -1)).map(FormLabels::normalise).collect(Collectors.joining(" * ")).trim();
    }

    /** How start-up names the rules file in its messages. */
    public static String where(String location) {
        return "gateway.classification.rules-file (" + location + ")";
    }

    /** The rules file at {@code location}, to bind its sections into records. */
    public static Binder binder(String location, ResourceLoader resources) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("gateway.classification.rules-file: no file at " + location);
        }
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load(location, resource);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("gateway.classification.rules-file: " + location + " cannot be read: "
                    + e.getMessage(), e);
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("gateway.classification.rules-file: " + location + " is empty");
        }
        return new Binder(ConfigurationPropertySources.from(sources.get(0)));
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
