package scot.sirgateway.classify;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import scot.sirgateway.extract.FormLabels;

/**
 * Readers for the value styles of the form: UK day-first dates, yes/no, levels 1 to 3; and, with the
 * words of the rules file's {@code prose} section ({@link ProseWords}), MAPPA answers, answers still to
 * come and an incident's date in prose.
 */
public final class FormValues {

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{2}|\\d{4})");
    private static final String WEEKDAY = "(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\\.?,?\\s+)?";
    private static final Pattern DAY_MONTH_NAME = Pattern.compile(WEEKDAY
            + "(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s\\-/.]+([a-z]{3,9})\\.?[\\s\\-/.,]+(\\d{4}|\\d{2})");
    private static final Pattern MONTH_NAME_DAY = Pattern.compile(WEEKDAY
            + "([a-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun",
            "jul", "aug", "sep", "oct", "nov", "dec");

    private static final List<String> FULL_MONTHS = List.of("january", "february", "march",
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
                return Optional.of(LocalDate.of(year(uk.group(3)), Integer.parseInt(uk.group(2)), Integer.parseInt(uk.group(1))));
            }
            Matcher named = DAY_MONTH_NAME.matcher(t);
            if (named.matches()) {
                int month = month(named.group(2));
                if (month == 0) {
                    return Optional.empty();
                }
                return Optional.of(LocalDate.of(year(named.group(3)), month, Integer.parseInt(named.group(1))));
            }
            Matcher monthFirst = MONTH_NAME_DAY.matcher(t);
            if (monthFirst.matches()) {
                int month = month(monthFirst.group(1));
                return month == 0 ? Optional.empty() : Optional.of(LocalDate.of(Integer.parseInt(monthFirst.group(3)), month,
                        Integer.parseInt(monthFirst.group(2))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A date field's date: the whole value read as {@link #date}, else the one date written in it
     * ("05/03/2026 (late evening)", "On or about 3rd Feb 2026"). Empty when it holds none or several.
     */
    public static Optional<LocalDate> dateIn(String text) {
        Optional<LocalDate> whole = date(text);
        if (whole.isPresent()) {
            return whole;
        }
        Matcher m = DATE_IN_PROSE.matcher(text.toLowerCase(Locale.ROOT));
        List<LocalDate> found = new ArrayList<>();
        while (m.find()) {
            date(m.group(1)).filter(d -> !found.contains(d)).ifPresent(found::add);
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** A year as written: two digits are this century's. */
    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        return digits.length() == 2 ? year + 2000 : year;
    }

    /** 1 to 12 for a month's name or its abbreviation ("Sept" too), else 0. */
    private static int month(String name) {
        if (name.length() < 3) {
            return 0;
        }
        int month = MONTHS.indexOf(name.substring(0, 3)) + 1;
        boolean known = month > 0 && (name.length() == 3 || name.equals("sept") || FULL_MONTHS.get(month - 1).startsWith(name));
        return known ? month : 0;
    }

    private static final Pattern YES_NO = Pattern.compile("^(yes|y|true|no|n|false|not applicable|n/?a|none|nil|non\\b.*)\\b.*");
    private static final Pattern LEVEL = Pattern.compile("^(?:(?:sir|incident|review|mappa)\\s+)?(?:category|cat|level|lvl)?"
            + "\\s*\\(?(1|2|3|one|two|three)\\b.*");
    private static final Pattern ROMAN_LEVEL = Pattern.compile("^(?:category|cat|level)\\s+(i|ii|iii)\\b.*");
    private static final List<String> NUMBER_WORDS = List.of("one", "two", "three");

    private static final Pattern DATE_IN_PROSE = Pattern.compile("\\b(\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.\\-]\\d{1,2}[/.\\-]\\d{2,4}"
            + "|" + WEEKDAY + "(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?[\\s\\-]+[a-z]{3,9}\\.?[\\s\\-,]+\\d{2,4}"
            + "|" + WEEKDAY + "[a-z]{3,9}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})\\b");
    /**
     * The incident's date in prose: the first date of a sentence that tells what happened, else the
     * first date of any sentence; never one about a birth, the council becoming aware, a last sighting,
     * the order itself or a letter's own date.
     */
    static Optional<LocalDate> incidentDateInProse(String text, ProseWords words) {
        Optional<LocalDate> first = Optional.empty();
        for (String sentence : sentences(text.toLowerCase(Locale.ROOT))) {
            if (date(sentence.replaceAll("^\\W*date\\W*|\\W*$", "")).isPresent()) {
                continue; // a letter's own date, on a line of its own
            }
            Matcher m = DATE_IN_PROSE.matcher(sentence);
            while (m.find()) {
                String before = sentence.substring(Math.max(0, m.start() - 40), m.start());
                if (words.notTheIncident().matcher(before).find()) {
                    continue;
                }
                Optional<LocalDate> date = date(m.group(1));
                if (date.isPresent() && words.incidentCue().matcher(sentence).find()) {
                    return date;
                }
                if (first.isEmpty()) {
                    first = date;
                }
            }
        }
        return first;
    }

    /** {@code yes}, {@code Y}, {@code No}, and answers that start with them ("Yes, category 1"). */
    public static Optional<Boolean> yesNo(String text) {
        Matcher m = YES_NO.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).startsWith("y") || m.group(1).equals("true"));
    }

    /** What a sentence naming MAPPA says of the offender's status. */
    enum MappaSentence { YES, NO, TO_COME, SILENT }

    /**
     * A sentence naming MAPPA, read: "MAPPA does not apply" is NO, "managed under MAPPA at level 1" YES,
     * "MAPPA status to be confirmed" TO_COME, "the MAPPA co-ordinator has been told" SILENT.
     */
    static MappaSentence mappaSentence(String normalised, ProseWords words) {
        if (words.sentenceToCome().matcher(normalised).find()) {
            return MappaSentence.TO_COME;
        }
        if (words.sentenceNo().matcher(normalised).find()) {
            return MappaSentence.NO;
        }
        if (words.sentenceYes().matcher(normalised).find()) {
            return MappaSentence.YES;
        }
        return MappaSentence.SILENT;
    }

    /** A text's sentences, a line also ending one: how prose is read, one statement at a time. */
    public static String[] sentences(String text) {
        return FormLabels.sentences(text);
    }


    /** Whether a value is a placeholder for an answer still to come: "TBC", "to follow", "not known". */
    static boolean notYetKnown(String text, ProseWords words) {
        return words.notYetKnown().matcher(answer(text)).matches();
    }

    /** An answer as compared: lower case, letters, digits and slashes, single spaces. */
    private static String answer(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9/]+", " ").trim();
    }

    /** 1, 2 or 3, also written "Category 2", "Cat. Two", "Level III" or "(3)". */
    public static Optional<Integer> level(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("[.:\\-]+", " ").replaceAll("\\s+", " ").trim();
        Matcher m = LEVEL.matcher(t);
        if (m.matches()) {
            return Optional.of(number(m.group(1)));
        }
        Matcher roman = ROMAN_LEVEL.matcher(t);
        return roman.matches() ? Optional.of(roman.group(1).length()) : Optional.empty();
    }

    /**
     * Whether the offender is managed under MAPPA: "Yes", "No", "N/A", and what councils write instead
     * ("Not a MAPPA case", "Managed under MAPPA", "MAPPA Cat 1 Level 1", "Non-MAPPA"). Empty for "TBC"
     * and other answers still to come, and for what it cannot read.
     */
    static Optional<Boolean> mappa(String text, ProseWords words) {
        String t = answer(text);
        if (words.notYetKnown().matcher(t).matches()) {
            return Optional.empty();
        }
        Optional<Boolean> answer = yesNo(t);
        if (answer.isPresent()) {
            return answer;
        }
        if (words.mappaDenied().matcher(t).find()) {
            return Optional.of(false);
        }
        if (words.mappaNamed().matcher(t).find()) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /** The number after a word in free text: "category 1" in "Yes, category 1, level 2"; "category one" too. */
    public static Optional<Integer> levelAfter(String word, String text) {
        Matcher m = Pattern.compile("\\b" + word + "\\s*[:.]?\\s*\\(?([123]|one|two|three)\\b").matcher(text.toLowerCase(Locale.ROOT));
        return m.find() ? Optional.of(number(m.group(1))) : Optional.empty();
    }

    /** 1, 2 or 3 written as a digit or a word. */
    private static int number(String digitOrWord) {
        int word = NUMBER_WORDS.indexOf(digitOrWord);
        return word >= 0 ? word + 1 : Integer.parseInt(digitOrWord);
    }
}
