package scot.sirgateway.classify;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readers for the value styles of the form: UK day-first dates, yes/no, levels 1 to 3. */
public final class FormValues {

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{2}|\\d{4})");
    private static final Pattern DAY_MONTH_NAME = Pattern.compile(
            "(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?"
                    + "[\\s\\-/.]+([a-z]{3,9})\\.?[\\s\\-/.,]+(\\d{4}|\\d{2})");
    private static final java.util.List<String> MONTHS = java.util.List.of("jan", "feb", "mar", "apr", "may", "jun",
            "jul", "aug", "sep", "oct", "nov", "dec");

    private static final java.util.List<String> FULL_MONTHS = java.util.List.of("january", "february", "march",
            "april", "may", "june", "july", "august", "september", "october", "november", "december");

    private FormValues() {
    }

    /**
     * {@code 3/2/2026}, {@code 03-02-2026}, {@code 03.02.26}, {@code 03-Feb-2026}, {@code 3rd February 2026},
     * {@code Tuesday 3 February 2026} (day first, always) or ISO {@code 2026-02-03}.
     */
    public static Optional<LocalDate> date(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Matcher iso = ISO.matcher(t);
            if (iso.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3))));
            }
            Matcher uk = DAY_FIRST.matcher(t);
            if (uk.matches()) {
                int year = Integer.parseInt(uk.group(3));
                if (uk.group(3).length() == 2) {
                    year += 2000;
                }
                return Optional.of(LocalDate.of(year, Integer.parseInt(uk.group(2)), Integer.parseInt(uk.group(1))));
            }
            Matcher named = DAY_MONTH_NAME.matcher(t);
            if (named.matches()) {
                int month = MONTHS.indexOf(named.group(2).substring(0, 3)) + 1;
                boolean knownName = month > 0 && (named.group(2).length() == 3
                        || named.group(2).equals("sept") || FULL_MONTHS.get(month - 1).startsWith(named.group(2)));
                if (!knownName) {
                    return Optional.empty();
                }
                int year = Integer.parseInt(named.group(3));
                if (named.group(3).length() == 2) {
                    year += 2000;
                }
                return Optional.of(LocalDate.of(year, month, Integer.parseInt(named.group(1))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static final Pattern YES_NO = Pattern.compile("^(yes|y|true|no|n|false|not applicable|n/?a|none)\\b.*");
    private static final Pattern LEVEL = Pattern.compile("^(?:category|cat\\.?|level)?\\s*([123])(?:\\b.*)?$");

    private static final Pattern DATE_IN_PROSE = Pattern.compile("\\b(\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.\\-]\\d{1,2}[/.\\-]\\d{2,4}"
            + "|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?[\\s\\-]+[a-z]{3,9}\\.?[\\s\\-,]+\\d{2,4})\\b");
    private static final Pattern NOT_THE_INCIDENT = Pattern.compile("\\b(birth|born|dob|aware|last seen|sent|released|sentenced|"
            + "imposed|made on|licence on|order on|since)\\b");

    /**
     * The incident's date in prose: the first date of a sentence that is not about a birth, the
     * council becoming aware, a last sighting or the order itself.
     */
    public static Optional<LocalDate> incidentDateInProse(String text) {
        for (String sentence : text.toLowerCase(Locale.ROOT).split("(?<=[.;!?])\\s+|\\n")) {
            Matcher m = DATE_IN_PROSE.matcher(sentence);
            while (m.find()) {
                String before = sentence.substring(Math.max(0, m.start() - 40), m.start());
                if (NOT_THE_INCIDENT.matcher(before).find()) {
                    continue;
                }
                Optional<LocalDate> date = date(m.group(1));
                if (date.isPresent()) {
                    return date;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code yes}, {@code Y}, {@code No}, and answers that start with them ("Yes, category 1"). */
    public static Optional<Boolean> yesNo(String text) {
        Matcher m = YES_NO.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).startsWith("y") || m.group(1).equals("true"));
    }

    /** 1, 2 or 3, also written "Category 2" or "Level 3". */
    public static Optional<Integer> level(String text) {
        Matcher m = LEVEL.matcher(text.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The number after a word in free text: "category 1" in "Yes, category 1, level 2". */
    public static Optional<Integer> levelAfter(String word, String text) {
        Matcher m = Pattern.compile("\\b" + word + "\\s*:?\\s*([123])\\b").matcher(text.toLowerCase(Locale.ROOT));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
