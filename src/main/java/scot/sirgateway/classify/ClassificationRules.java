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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

import scot.sirgateway.register.FormField;
import scot.sirgateway.register.IncidentType;
import scot.sirgateway.register.OrderType;

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

    private final Map<String, FormField> labels = new HashMap<>();
    private final List<TypeRule> types = new ArrayList<>();
    private final Map<OrderType, List<String>> orders = new EnumMap<>(OrderType.class);
    private final List<String> notificationPhrases;
    private final List<String> domesticAbuse;
    private final List<String> historical;

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
    }

    /** The field a written label names, in any of the spellings of the rules. */
    public Optional<FormField> field(String label) {
        return Optional.ofNullable(labels.get(normalise(label)));
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
            for (String word : rule.words()) {
                if (containsPhrase(t, word)) {
                    return Optional.of(rule.type());
                }
            }
        }
        return Optional.empty();
    }

    /** The incident type a description's phrases point to, the first rule that matches. */
    public Optional<IncidentType> typeFromDescription(String text) {
        String t = normalise(text);
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
        // the longest phrase found wins: "non parole licence" is not a "parole licence"
        OrderType best = null;
        int bestLength = 0;
        for (Map.Entry<OrderType, List<String>> entry : orders.entrySet()) {
            for (String word : entry.getValue()) {
                if (word.length() > 3 && word.length() > bestLength && containsPhrase(t, word)) {
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

    /** Whether a text says the offender is, or is not, managed under MAPPA; empty when it does not say. */
    public Optional<Boolean> mappaInProse(String text) {
        String t = normalise(text);
        if (containsPhrase(t, "not subject to mappa") || containsPhrase(t, "not managed under mappa")
                || containsPhrase(t, "not a mappa case") || containsPhrase(t, "no mappa")) {
            return Optional.of(false);
        }
        if (containsPhrase(t, "subject to mappa") || containsPhrase(t, "managed under mappa")
                || containsPhrase(t, "mappa category") || containsPhrase(t, "mappa level") || containsPhrase(t, "mappa case")) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /** The order a letter names in its sentences: a known order before the bare word "other". */
    public Optional<OrderType> orderInProse(String text) {
        String t = normalise(text);
        OrderType best = null;
        int bestLength = 0;
        for (Map.Entry<OrderType, List<String>> entry : orders.entrySet()) {
            for (String word : entry.getValue()) {
                if (entry.getKey() != OrderType.OTHER && word.length() > bestLength && containsPhrase(t, word)) {
                    best = entry.getKey();
                    bestLength = word.length();
                }
            }
        }
        return best != null ? Optional.of(best) : order(text);
    }

    public boolean mentionsDomesticAbuse(String description) {
        String t = normalise(description);
        return domesticAbuse.stream().anyMatch(p -> containsPhrase(t, p));
    }

    public boolean mentionsHistorical(String description) {
        String t = normalise(description);
        return historical.stream().anyMatch(p -> containsPhrase(t, p));
    }

    /** Lower case, letters and digits, single spaces: "Date of Incident:" and "date of incident" agree. */
    public static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('_', ' ').replace("&", " and ").replaceAll("[^a-z0-9]+", " ").trim();
    }

    private static boolean containsPhrase(String normalisedText, String normalisedPhrase) {
        return (" " + normalisedText + " ").contains(" " + normalisedPhrase + " ");
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
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(where + " is not a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static List<String> normalised(Object value, String where) {
        return strings(value, where).stream().map(ClassificationRules::normalise).toList();
    }
}
