package scot.sirgateway.register;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out {@code SIR-YYYY-NNNN} references. The year's counter row is locked and incremented inside
 * the registering transaction, so a rolled-back registration gives its number back (no gaps) and two
 * concurrent ones wait for each other (no duplicates).
 */
@Component
public class ReferenceAllocator {

    /**
     * A reference as the gateway writes it, quoted anywhere in a text, in upper or lower case: ASCII digits
     * only, never inside a longer token ({@code XSIR-2026-0042}, {@code SIR-2026-00421} is another).
     */
    private static final java.util.regex.Pattern QUOTED =
            java.util.regex.Pattern.compile("(?i)(?<![A-Za-z0-9])SIR-\\d{4}-\\d{4,}(?![0-9])");

    /** Every reference the text quotes, in order, as the gateway writes it (upper case). */
    public static java.util.List<String> quotedIn(String text) {
        if (text == null) {
            return java.util.List.of();
        }
        return QUOTED.matcher(text).results().map(m -> m.group().toUpperCase(java.util.Locale.ROOT)).toList();
    }

    private final JdbcClient jdbc;

    public ReferenceAllocator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes sure the year has a counter row; call before the registering transaction opens. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void prepareYear(int year) {
        try {
            jdbc.sql("INSERT INTO reference_sequence (ref_year, last_value) SELECT ?, 0 "
                            + "WHERE NOT EXISTS (SELECT 1 FROM reference_sequence WHERE ref_year = ?)")
                    .params(year, year).update();
        } catch (DuplicateKeyException raced) {
            // another registration created the row first: that is all we wanted
        }
    }

    /** The next reference of the year; must run inside the transaction that stores the notification. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String next(int year) {
        int updated = jdbc.sql("UPDATE reference_sequence SET last_value = last_value + 1 WHERE ref_year = ?")
                .param(year).update();
        if (updated != 1) {
            throw new IllegalStateException("no reference counter for " + year + ": prepareYear was not called");
        }
        int value = jdbc.sql("SELECT last_value FROM reference_sequence WHERE ref_year = ?")
                .param(year).query(Integer.class).single();
        return format(year, value);
    }

    public static String format(int year, int sequence) {
        return String.format("SIR-%04d-%04d", year, sequence);
    }
}
