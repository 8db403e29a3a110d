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

    private FormValues() {
    }

    /** {@code 3/2/2026}, {@code 03-02-2026}, {@code 03.02.26} (day first, always) or ISO {@code 2026-02-03}. */
    public static Optional<LocalDate> date(String text) {
        String t = text.trim();
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
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public static Optional<Boolean> yesNo(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true" -> Optional.of(true);
            case "no", "n", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    public static Optional<Integer> level(String text) {
        return switch (text.trim()) {
            case "1" -> Optional.of(1);
            case "2" -> Optional.of(2);
            case "3" -> Optional.of(3);
            default -> Optional.empty();
        };
    }
}
