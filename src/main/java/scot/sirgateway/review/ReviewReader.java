package scot.sirgateway.review;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import scot.sirgateway.classify.FormValues;
import scot.sirgateway.extract.ContentTexts;
import scot.sirgateway.extract.FormLabels;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.model.SignoffRole;

/**
 * Reads the review keys out of a mail's texts, each with a confidence. A value after a label of the
 * review ("Review type: Part One: Case Review", "Sign-off role<tab>Head of Service", a label alone on its
 * line with the value on the next) that the rules read is certain (1.0); a review type read only from
 * an attached document's heading or from prose (the subject, the body) is unsure (0.75). The review type
 * from the words "initial analysis review", "IAR", "Part One: Case Review" ({@code IAR}) or "comprehensive
 * review", "Part Two: Reflective Learning Review" ({@code COMPREHENSIVE}); the sign-off role from "Chief
 * Social Work Officer"/"CSWO", "Head of Service"/"Head of ... Services", any other role {@code OTHER}; the
 * sign-off date as the form's dates are read.
 *
 * <p>A mail is a review when a type was read from a label or from an attached document's heading, or
 * when two or more review keys are labelled and one of them is a review's own (type, reviewer, sign-off
 * date): a notification's sign-off name and role alone do not make a review.
 */
@Component
public class ReviewReader {

    /** How sure the gateway is of a review type read from a heading or prose. */
    static final double UNSURE = 0.75;
    private static final double CERTAIN = 1.0;
    /** The lines of a document's text that count as its heading. */
    private static final int HEADING_LINES = 3;
    private static final int MAX_HEADING_CHARS = 120;
    private static final int MAX_VALUE_CHARS = 200;

    /** What was read: the values, which keys were labelled, which labelled values could not be read. */
    public record Reading(Map<ReviewKey, FieldValue> values, Set<ReviewKey> labelled, Set<ReviewKey> unreadable,
            boolean review) {

        static Reading none() {
            return new Reading(Map.of(), Set.of(), Set.of(), false);
        }

        /** Whether an operator must confirm it: a value unsure or unreadable, or no review type. */
        public boolean needsTriage() {
            return !unreadable.isEmpty() || !values.containsKey(ReviewKey.REVIEW_TYPE)
                    || values.values().stream().anyMatch(v -> v.confidence() < CERTAIN);
        }
    }

    /** The labels councils write for each key, normalised ({@link FormLabels#normalise}). */
    private static final Map<String, ReviewKey> LABELS = new HashMap<>();

    static {
        label(ReviewKey.REVIEW_TYPE, "review type", "type of review", "review stage", "stage of review");
        label(ReviewKey.REVIEWER_NAME, "reviewer", "reviewer name", "name of reviewer", "reviewed by", "lead reviewer",
                "review carried out by", "review completed by");
        label(ReviewKey.REVIEWER_ROLE, "reviewer role", "role of reviewer", "reviewer s role", "reviewer designation",
                "lead reviewer role");
        label(ReviewKey.SIGNOFF_NAME, "signed off by", "sign off name", "signoff name", "name of person signing off",
                "signed off by name", "approved by");
        label(ReviewKey.SIGNOFF_ROLE, "sign off role", "signoff role", "role of person signing off", "signed off by role",
                "role of signatory", "designation of person signing off");
        label(ReviewKey.SIGNOFF_DATE, "sign off date", "signoff date", "date signed off", "date of sign off",
                "signed off on", "date approved");
        for (ReviewKey key : ReviewKey.values()) {
            label(key, key.key());
        }
    }

    private static void label(ReviewKey key, String... labels) {
        for (String label : labels) {
            LABELS.put(FormLabels.normalise(label), key);
        }
    }

    /** Type phrases, normalised, in the order they are tried. */
    private static final List<Map.Entry<String, ReviewType>> TYPE_PHRASES = List.of(
            Map.entry("part two reflective learning review", ReviewType.COMPREHENSIVE),
            Map.entry("part 2 reflective learning review", ReviewType.COMPREHENSIVE),
            Map.entry("comprehensive review", ReviewType.COMPREHENSIVE),
            Map.entry("part one case review", ReviewType.IAR),
            Map.entry("part 1 case review", ReviewType.IAR),
            Map.entry("initial analysis review", ReviewType.IAR),
            Map.entry("iar", ReviewType.IAR));

    /** "Label: value", "Label<tab>value", "Label ..... value", "| Label | value |", after a number if any. */
    private static final Pattern LABEL_LINE = Pattern.compile(
            "^\\s*(?:\\d{1,2}[.)]\\s+)?([A-Za-z][A-Za-z0-9 _/\\-'’()]{0,60}?)\\s*(?::|\\t|\\.{3,}:?|\\|)\\s*(.*)$");
    private static final Pattern HEAD_OF_SERVICE = Pattern.compile("\\bhead of( [a-z]+){0,5} services?\\b");

    /** Reads the review keys from the message's texts and its subject. */
    public Reading read(List<ContentTexts.Text> texts, String subject) {
        Map<ReviewKey, FieldValue> values = new EnumMap<>(ReviewKey.class);
        Set<ReviewKey> labelled = EnumSet.noneOf(ReviewKey.class);
        Set<ReviewKey> unreadable = EnumSet.noneOf(ReviewKey.class);
        for (ContentTexts.Text text : texts) {
            readLabels(text.text(), values, labelled, unreadable);
        }
        boolean typeLabelled = values.containsKey(ReviewKey.REVIEW_TYPE);
        boolean typeFromHeading = false;
        if (!typeLabelled) {
            for (ContentTexts.Text text : texts) {
                Optional<ReviewType> type = text.document() ? typeIn(heading(text.text())) : Optional.empty();
                if (type.isPresent()) {
                    values.put(ReviewKey.REVIEW_TYPE, new FieldValue(type.get(), FieldSource.DESCRIPTION, UNSURE));
                    typeFromHeading = true;
                    break;
                }
            }
        }
        if (!values.containsKey(ReviewKey.REVIEW_TYPE)) {
            StringBuilder prose = new StringBuilder(subject == null ? "" : subject);
            texts.forEach(text -> prose.append('\n').append(text.text()));
            typeIn(prose.toString()).ifPresent(type ->
                    values.put(ReviewKey.REVIEW_TYPE, new FieldValue(type, FieldSource.DESCRIPTION, UNSURE)));
        }
        boolean ownKeyLabelled = labelled.stream().anyMatch(key -> key != ReviewKey.SIGNOFF_NAME && key != ReviewKey.SIGNOFF_ROLE);
        boolean review = typeLabelled || typeFromHeading || labelled.size() >= 2 && ownKeyLabelled;
        return new Reading(values, labelled, unreadable, review);
    }

    private static void readLabels(String text, Map<ReviewKey, FieldValue> values, Set<ReviewKey> labelled,
            Set<ReviewKey> unreadable) {
        String[] lines = text.split("\\r?\\n");
        ReviewKey stacked = null;
        for (String raw : lines) {
            String line = raw.replaceAll("^\\s*\\|", "").replaceAll("\\|\\s*$", "");
            if (line.isBlank()) {
                continue;
            }
            if (stacked != null) {
                ReviewKey key = stacked;
                stacked = null;
                if (labelOf(line).isEmpty()) {
                    put(key, line.trim(), values, labelled, unreadable);
                    continue;
                }
            }
            Matcher m = LABEL_LINE.matcher(line);
            if (m.matches()) {
                Optional<ReviewKey> key = Optional.ofNullable(LABELS.get(FormLabels.normalise(m.group(1))));
                if (key.isPresent()) {
                    String value = m.group(2).replaceAll("\\s*\\|\\s*$", "").trim();
                    if (value.isEmpty()) {
                        stacked = key.get();
                    } else {
                        put(key.get(), value, values, labelled, unreadable);
                    }
                    continue;
                }
            }
            stacked = labelOf(line).orElse(null);
        }
    }

    /** The key a line names when it is a label alone ("Reviewer role", "Sign-off date:"). */
    private static Optional<ReviewKey> labelOf(String line) {
        return Optional.ofNullable(LABELS.get(FormLabels.normalise(line.replaceAll("[:?\\s]+$", ""))));
    }

    /** The first labelled value of a key stays. */
    private static void put(ReviewKey key, String written, Map<ReviewKey, FieldValue> values, Set<ReviewKey> labelled,
            Set<ReviewKey> unreadable) {
        if (labelled.contains(key) || written.isBlank()) {
            return;
        }
        labelled.add(key);
        String text = written.length() > MAX_VALUE_CHARS ? written.substring(0, MAX_VALUE_CHARS) : written;
        Optional<?> value = switch (key) {
            case REVIEW_TYPE -> reviewType(text);
            case SIGNOFF_ROLE -> Optional.of(signoffRole(text));
            case SIGNOFF_DATE -> FormValues.date(text);
            default -> Optional.of(text);
        };
        if (value.isPresent()) {
            values.put(key, new FieldValue(value.get(), FieldSource.DOCUMENT_LABEL, CERTAIN));
        } else {
            unreadable.add(key);
        }
    }

    /**
     * A review type written as a value: its code or words ("IAR", "Initial analysis review", "Part One: Case
     * Review", "Comprehensive", "Part Two: Reflective Learning Review").
     */
    public static Optional<ReviewType> reviewType(String written) {
        String t = FormLabels.normalise(written);
        if (t.contains("comprehensive") || t.contains("reflective learning") || t.matches("(.* )?part (two|2)( .*)?")) {
            return Optional.of(ReviewType.COMPREHENSIVE);
        }
        if (t.contains("initial") || t.matches("(.* )?iar( .*)?") || t.contains("case review")
                || t.matches("(.* )?part (one|1)( .*)?")) {
            return Optional.of(ReviewType.IAR);
        }
        return Optional.empty();
    }

    /** The sign-off role from its words; a role the rules do not name is {@code OTHER}. */
    public static SignoffRole signoffRole(String written) {
        String t = FormLabels.normalise(written);
        if (t.contains("chief social work officer") || t.matches("(.* )?cswo( .*)?")) {
            return SignoffRole.CSWO;
        }
        if (HEAD_OF_SERVICE.matcher(t).find()) {
            return SignoffRole.HEAD_OF_SERVICE;
        }
        return SignoffRole.OTHER;
    }

    /** The type whose phrase comes first in a text, if any. */
    static Optional<ReviewType> typeIn(String text) {
        String t = " " + FormLabels.normalise(text) + " ";
        int first = Integer.MAX_VALUE;
        ReviewType found = null;
        for (Map.Entry<String, ReviewType> phrase : TYPE_PHRASES) {
            int at = t.indexOf(" " + phrase.getKey() + " ");
            if (at >= 0 && at < first) {
                first = at;
                found = phrase.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /** A document's first short lines: its title and headings. */
    private static String heading(String text) {
        StringBuilder heading = new StringBuilder();
        int taken = 0;
        for (String line : text.split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.trim().length() <= MAX_HEADING_CHARS) {
                heading.append(line.trim()).append('\n');
            }
            if (++taken == HEADING_LINES) {
                break;
            }
        }
        return heading.toString();
    }
}
