package scot.sirgateway.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The wording of answers and prose from the rules file's {@code prose} section, each list compiled once
 * into a pattern of whole words: the answers that leave a value to come ("TBC"), how a MAPPA answer or
 * a sentence naming MAPPA says no, yes or not yet, and which sentences tell an incident's date.
 */
record ProseWords(Pattern notYetKnown, Pattern mappaDenied, Pattern mappaNamed, Pattern sentenceToCome,
        Pattern sentenceNo, Pattern sentenceYes, Pattern incidentCue, Pattern notTheIncident) {

    /** The {@code prose} section, as written. */
    record Written(List<String> notYetKnown, List<String> mappaDenied, List<String> mappaNamed,
            List<String> mappaSentenceToCome, List<String> mappaSentenceNo, List<String> mappaSentenceYes,
            List<String> incidentCues, List<String> notTheIncident) {
    }

    static ProseWords of(Written written, String where) {
        if (written == null) {
            throw new IllegalStateException(where + ": prose is missing");
        }
        String section = where + " prose.";
        return new ProseWords(
                Pattern.compile("^" + words(written.notYetKnown(), section + "not-yet-known") + "\\b.*"),
                Pattern.compile("\\b" + words(written.mappaDenied(), section + "mappa-denied") + "\\b"),
                Pattern.compile("\\b" + words(written.mappaNamed(), section + "mappa-named") + "\\b"),
                Pattern.compile("\\b" + words(written.mappaSentenceToCome(), section + "mappa-sentence-to-come") + "\\b"),
                Pattern.compile("\\b" + words(written.mappaSentenceNo(), section + "mappa-sentence-no") + "\\b"),
                Pattern.compile("\\b" + words(written.mappaSentenceYes(), section + "mappa-sentence-yes") + "\\b"),
                Pattern.compile("\\b" + words(written.incidentCues(), section + "incident-cues") + "\\b"),
                // a line that is only "Date:" heads a letter's own date
                Pattern.compile("\\b" + words(written.notTheIncident(), section + "not-the-incident") + "\\b|^\\W*date\\W*$"));
    }

    /** "(a|b c|...)", each word literal and lower case, in the order written; none would match everything. */
    private static String words(List<String> list, String where) {
        if (list == null || list.isEmpty() || list.stream().anyMatch(word -> word == null || word.isBlank())) {
            throw new IllegalStateException(where + " must list at least one word, and no empty one");
        }
        return list.stream().map(word -> Pattern.quote(word.trim().toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining("|", "(", ")"));
    }
}
