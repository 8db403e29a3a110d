package scot.sirgateway.classify;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import scot.sirgateway.extract.FormLabels;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.OrderType;

/**
 * The classification rules of {@code gateway.classification.rules-file} (a default ships in the jar):
 * the words and phrases of each incident type and order, the circumstances of each category, the
 * phrases that flag domestic abuse and historical incidents, and the wording of answers and prose
 * (MAPPA, answers still to come, what tells an incident's date). Data, not code: an operator extends
 * the file. The file is bound into records, its label sections by {@link FormLabels}. A file that names
 * an unknown field, type or order stops start-up.
 */
@Component
public class ClassificationRules {

    /** The classification sections of the rules file, as written. */
    record RulesSections(Map<String, List<String>> categories, List<TypeEntry> incidentTypes,
            Map<String, List<String>> orders, List<String> domesticAbuse, List<String> historical, ProseWords.Written prose) {
    }

    /** One entry of {@code incident-types}, as written. */
    record TypeEntry(String code, List<String> words, List<String> phrases) {
    }

    /** An incident type's words (in a type field) and phrases (in a description). */
    public record TypeRule(IncidentType type, List<String> words, List<String> phrases) {
    }

    private final FormLabels labels;
    private final Map<Integer, List<String>> categories = new HashMap<>();
    private final List<TypeRule> types = new ArrayList<>();
    private final Map<OrderType, List<String>> orders = new EnumMap<>(OrderType.class);
    private final List<String> domesticAbuse;
    private final List<String> historical;
    private final ProseWords prose;

    /** The rules at {@code location}, with their label sections read here too (for tests and tools). */
    public ClassificationRules(String location, ResourceLoader resources) {
        this(location, resources, new FormLabels(location, resources));
    }

    @Autowired
    public ClassificationRules(@Value("${gateway.classification.rules-file:classpath:classification-rules.yaml}")
            String location, ResourceLoader resources, FormLabels labels) {
        this.labels = labels;
        String where = FormLabels.where(location);
        RulesSections file = FormLabels.binder(location, resources).bindOrCreate("", Bindable.of(RulesSections.class));
        if (file.categories() == null) {
            throw new IllegalStateException(where + " categories is not a mapping");
        }
        file.categories().forEach((key, phrases) -> {
            int category = FormValues.level(key).orElseThrow(() -> new IllegalStateException(where
                    + ": categories names '" + key + "', which is not 1, 2 or 3"));
            categories.put(category, FormLabels.phrases(phrases));
        });
        if (file.incidentTypes() == null || file.incidentTypes().isEmpty()) {
            throw new IllegalStateException(where + ": incident-types is missing");
        }
        for (TypeEntry rule : file.incidentTypes()) {
            IncidentType type = IncidentType.byCode(String.valueOf(rule.code())).orElseThrow(() -> new IllegalStateException(
                    where + ": incident-types has the unknown code '" + rule.code() + "'"));
            types.add(new TypeRule(type, FormLabels.phrases(rule.words()), FormLabels.phrases(rule.phrases())));
        }
        if (file.orders() == null) {
            throw new IllegalStateException(where + " orders is not a mapping");
        }
        file.orders().forEach((code, words) -> {
            OrderType order = OrderType.parse(code).orElseThrow(() -> new IllegalStateException(where
                    + ": orders has the unknown code '" + code + "'"));
            orders.put(order, FormLabels.phrases(words));
        });
        domesticAbuse = FormLabels.phrases(file.domesticAbuse());
        historical = FormLabels.phrases(file.historical());
        prose = ProseWords.of(file.prose(), where);
    }

    /** The incident category a category field describes in words ("death of the offender"). */
    public Optional<Integer> categoryFromWords(String text) {
        String t = FormLabels.normalise(text);
        for (int category = 3; category >= 1; category--) {
            if (categories.getOrDefault(category, List.of()).stream().anyMatch(p -> FormLabels.containsPhrase(t, p))) {
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
        String t = FormLabels.normalise(text);
        for (TypeRule rule : types) {
            if (rule.words().contains(t)) {
                return Optional.of(rule.type());
            }
        }
        for (TypeRule rule : types) {
            for (String word : concat(rule.words(), rule.phrases())) {
                if (FormLabels.containsPhrase(t, word)) {
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
        return labels.typeFromDescription(text);
    }

    public Optional<OrderType> order(String text) {
        String t = FormLabels.normalise(text);
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
                        && FormLabels.containsPhrase(normalisedText, word)) {
                    best = entry.getKey();
                    bestLength = word.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether the offender is managed under MAPPA: "Yes", "No", "N/A", and what councils write instead
     * ("Not a MAPPA case", "Managed under MAPPA", "MAPPA Cat 1 Level 1", "Non-MAPPA"). Empty for "TBC"
     * and other answers still to come, and for what it cannot read.
     */
    public Optional<Boolean> mappa(String text) {
        return FormValues.mappa(text, prose);
    }

    /** Whether a value is a placeholder for an answer still to come: "TBC", "to follow", "not known". */
    public boolean notYetKnown(String text) {
        return FormValues.notYetKnown(text, prose);
    }

    /** The incident's date in prose: see {@link FormValues#incidentDateInProse(String, ProseWords)}. */
    public Optional<LocalDate> incidentDateInProse(String text) {
        return FormValues.incidentDateInProse(text, prose);
    }

    /**
     * Whether a text says the offender is, or is not, managed under MAPPA: the first sentence that
     * names MAPPA, read as a MAPPA answer ("MAPPA does not apply", "He is managed under MAPPA at level
     * 1"). Empty when no sentence says, or the one that does leaves it to come ("MAPPA status to be
     * confirmed").
     */
    public Optional<Boolean> mappaInProse(String text) {
        for (String sentence : FormValues.sentences(text)) {
            String t = FormLabels.normalise(sentence);
            if (FormLabels.containsPhrase(t, "mappa")) {
                switch (FormValues.mappaSentence(t, prose)) {
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
        return longestOrder(FormLabels.normalise(text), false, 0).or(() -> order(text));
    }

    public boolean mentionsDomesticAbuse(String description) {
        String t = FormLabels.normalise(description);
        return domesticAbuse.stream().anyMatch(p -> FormLabels.containsPhrase(t, p));
    }

    public boolean mentionsHistorical(String description) {
        String t = FormLabels.normalise(description);
        return historical.stream().anyMatch(p -> FormLabels.containsPhrase(t, p));
    }

}
