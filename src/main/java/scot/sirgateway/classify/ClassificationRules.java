package scot.sirgateway.classify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

import scot.sirgateway.model.FormField;
import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.OrderType;

/**
 * The classification rules of {@code gateway.classification.rules-file} (a default ships in the jar):
 * the labels councils write for each field, the words and phrases of each incident type and order,
 * and the phrases that flag domestic abuse and historical incidents. Data, not code: an operator
 * extends the file. A file that names an unknown field, type or order stops start-up.
 */
@Component
public class ClassificationRules {

    /** An incident type's words (in a type field) and phrases (in a description). */
    public record TypeRule(IncidentType type, List<String> words, List<String> phrases) {
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

    private final Map<String, FormField> labels = new HashMap<>();
    private final List<LabelWords> labelWords = new ArrayList<>();
    private final Map<Integer, List<String>> categories = new HashMap<>();
    private final List<TypeRule> types = new ArrayList<>();
    private final Map<OrderType, List<String>> orders = new EnumMap<>(OrderType.class);
    private final List<String> notificationPhrases;
    private final List<String> domesticAbuse;
    private final List<String> historical;
    private final List<String> pastOffence;

    public ClassificationRules(@Value("${gateway.classification.rules-file:classpath:classification-rules.yaml}")
            String location, ResourceLoader resources) {
        Map<String, Object> yaml = read(location, resources.getResource(location));
        String where = "gateway.classification.rules-file (" + location + ")";
        section(yaml, "labels", where).forEach((key, value) -> {
            FormField field = FormField.byLabel(key).orElseThrow(() -> new IllegalStateException(where
                    + ": labels names '" + key + "', which is not a form field"));
            strings(value, where + " labels." + key).forEach(label -> labels.put(normalise(label), field));
        });
        for (FormField field : FormField.values()) {
            labels.put(normalise(field.key()), field);
        }
        for (Object item : list(yaml.get("label-words"), where + " label-words")) {
            asMap(item, where + " label-words").forEach((key, words) -> {
                Optional<FormField> field = key.equals("none") ? Optional.empty()
                        : Optional.of(FormField.byLabel(key).orElseThrow(() -> new IllegalStateException(where
                                + ": label-words names '" + key + "', which is not a form field")));
                labelWords.add(new LabelWords(field, List.of(normalise(String.valueOf(words)).split(" "))));
            });
        }
        // YAML reads "3:" as a number: the keys are taken as written
        ((Map<?, ?>) section(yaml, "categories", where)).forEach((key, phrases) -> {
            int category = FormValues.level(String.valueOf(key)).orElseThrow(() -> new IllegalStateException(where
                    + ": categories names '" + key + "', which is not 1, 2 or 3"));
            categories.put(category, normalised(phrases, where + " categories." + key));
        });
        Object typeList = yaml.get("incident-types");
        if (!(typeList instanceof List<?> list)) {
            throw new IllegalStateException(where + ": incident-types is missing");
        }
        for (Object item : list) {
            Map<String, Object> rule = asMap(item, where + " incident-types");
            String code = String.valueOf(rule.get("code"));
            IncidentType type = IncidentType.byCode(code).orElseThrow(() -> new IllegalStateException(where
                    + ": incident-types has the unknown code '" + code + "'"));
            types.add(new TypeRule(type, normalised(rule.get("words"), where), normalised(rule.get("phrases"), where)));
        }
        section(yaml, "orders", where).forEach((code, words) -> {
            OrderType order = OrderType.parse(code).orElseThrow(() -> new IllegalStateException(where
                    + ": orders has the unknown code '" + code + "'"));
            orders.put(order, normalised(words, where + " orders." + code));
        });
        notificationPhrases = normalised(yaml.get("notification-phrases"), where);
        domesticAbuse = normalised(yaml.get("domestic-abuse"), where);
        historical = normalised(yaml.get("historical"), where);
        pastOffence = normalised(yaml.get("past-offence"), where);
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

    /** The incident category a category field describes in words ("death of the offender"). */
    public Optional<Integer> categoryFromWords(String text) {
        String t = normalise(text);
        for (int category = 3; category >= 1; category--) {
            if (categories.getOrDefault(category, List.of()).stream().anyMatch(p -> containsPhrase(t, p))) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }

    /** The incident type a type field's words name: its code, then the rules' words (whole phrase). */
    public Optional<IncidentType> typeFromField(String text) {
        Optional<IncidentType> code = IncidentType.byCode(text);
        if (code.isPresent()) {
            return code;
        }
        String t = normalise(text);
        for (TypeRule rule : types) {
            if (rule.words().contains(t)) {
                return Optional.of(rule.type());
            }
        }
        for (TypeRule rule : types) {
            for (String word : concat(rule.words(), rule.phrases())) {
                if (containsPhrase(t, word)) {
                    return Optional.of(rule.type());
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /**
     * The incident type a description's phrases point to, the first rule that matches; sentences about
     * the offence the order was made for (an index offence, a previous sentence) do not count.
     */
    public Optional<IncidentType> typeFromDescription(String text) {
        StringBuilder incident = new StringBuilder();
        for (String sentence : FormValues.sentences(text)) {
            String s = normalise(sentence);
            if (pastOffence.stream().noneMatch(p -> containsPhrase(s, p))) {
                incident.append(s).append(" . ");
            }
        }
        String t = incident.toString();
        for (TypeRule rule : types) {
            for (String phrase : rule.phrases()) {
                if (containsPhrase(t, phrase)) {
                    return Optional.of(rule.type());
                }
            }
        }
        return Optional.empty();
    }

    public Optional<OrderType> order(String text) {
        String t = normalise(text);
        for (Map.Entry<OrderType, List<String>> entry : orders.entrySet()) {
            if (entry.getValue().contains(t)) {
                return Optional.of(entry.getKey());
            }
        }
        return longestOrder(t, true, 3);
    }

    /**
     * The order whose longest phrase the text holds ("non parole licence" is not a "parole licence"),
     * phrases of {@code minLength} letters at least; {@code OTHER} only if {@code withOther}.
     */
    private Optional<OrderType> longestOrder(String normalisedText, boolean withOther, int minLength) {
        OrderType best = null;
        int bestLength = 0;
        for (Map.Entry<OrderType, List<String>> entry : orders.entrySet()) {
            for (String word : entry.getValue()) {
                if ((withOther || entry.getKey() != OrderType.OTHER) && word.length() >= minLength && word.length() > bestLength
                        && containsPhrase(normalisedText, word)) {
                    best = entry.getKey();
                    bestLength = word.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a letter in prose reads as a notification: it names a known incident or says it notifies one. */
    public boolean readsAsNotification(String text) {
        String t = normalise(text);
        return typeFromDescription(text).isPresent() || notificationPhrases.stream().anyMatch(p -> containsPhrase(t, p));
    }

    /**
     * Whether a text says the offender is, or is not, managed under MAPPA: the first sentence that
     * names MAPPA, read as a MAPPA answer ("MAPPA does not apply", "He is managed under MAPPA at level
     * 1"). Empty when no sentence says, or the one that does leaves it to come ("MAPPA status to be
     * confirmed").
     */
    public Optional<Boolean> mappaInProse(String text) {
        for (String sentence : FormValues.sentences(text)) {
            String t = normalise(sentence);
            if (containsPhrase(t, "mappa")) {
                switch (FormValues.mappaSentence(t)) {
                    case YES -> {
                        return Optional.of(true);
                    }
                    case NO -> {
                        return Optional.of(false);
                    }
                    case TO_COME -> {
                        return Optional.empty();
                    }
                    case SILENT -> {
                        // another sentence may say
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The order a letter names in its sentences: a known order before the bare word "other". */
    public Optional<OrderType> orderInProse(String text) {
        return longestOrder(normalise(text), false, 0).or(() -> order(text));
    }

    public boolean mentionsDomesticAbuse(String description) {
        String t = normalise(description);
        return domesticAbuse.stream().anyMatch(p -> containsPhrase(t, p));
    }

    public boolean mentionsHistorical(String description) {
        String t = normalise(description);
        return historical.stream().anyMatch(p -> containsPhrase(t, p));
    }

    /**
     * Lower case, letters and digits, single spaces, initials joined: "Date of Incident:" and "date of
     * incident" agree, and so do "C.P.O." and "CPO".
     */
    public static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('_', ' ').replace("&", " and ").replaceAll("[^a-z0-9]+", " ").trim()
                .replaceAll("(?<=\\b[a-z]) (?=[a-z]\\b)", "");
    }

    /** Whether a text holds a phrase, word for word; a {@code *} in the phrase stands for any one word. */
    private static boolean containsPhrase(String normalisedText, String normalisedPhrase) {
        if (normalisedPhrase.contains("*")) {
            return WILDCARDS.computeIfAbsent(normalisedPhrase, phrase -> Pattern.compile("(^| )"
                    + Pattern.quote(phrase).replace(" * ", "\\E [a-z0-9]+ \\Q") + "( |$)")).matcher(normalisedText).find();
        }
        return (" " + normalisedText + " ").contains(" " + normalisedPhrase + " ");
    }

    /** A phrase of the rules, normalised with its {@code *} wildcards kept. */
    private static String normalisePhrase(String phrase) {
        return java.util.Arrays.stream(phrase.split("\\*", -1)).map(ClassificationRules::normalise)
                .collect(java.util.stream.Collectors.joining(" * ")).trim();
    }

    private static Map<String, Object> read(String location, Resource resource) {
        if (!resource.exists()) {
            throw new IllegalStateException("gateway.classification.rules-file: no file at " + location);
        }
        try (InputStream in = resource.getInputStream()) {
            return asMap(new Yaml().load(in), "gateway.classification.rules-file (" + location + ")");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("gateway.classification.rules-file: " + location + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException(where + " is not a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> section(Map<String, Object> yaml, String name, String where) {
        return asMap(yaml.get(name), where + " " + name);
    }

    private static List<String> strings(Object value, String where) {
        return list(value, where).stream().map(String::valueOf).toList();
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(where + " is not a list");
        }
        return list;
    }

    private static List<String> normalised(Object value, String where) {
        return strings(value, where).stream().map(ClassificationRules::normalisePhrase).toList();
    }
}
