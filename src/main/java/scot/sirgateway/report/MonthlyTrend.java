package scot.sirgateway.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.model.NotificationStatus;

/**
 * The notifications received in each calendar month of a period (Europe/London, both ends included,
 * {@code WITHDRAWN} left out, as in {@link NationalReport}): every month of the period listed, none
 * left out for having no notifications. Reads received_at only.
 */
@Component
public class MonthlyTrend {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final JdbcClient jdbc;

    public MonthlyTrend(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record MonthCount(YearMonth month, long count) {
    }

    public List<MonthCount> compute(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(LONDON).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(LONDON).toOffsetDateTime();
        Map<YearMonth, Long> counts = new LinkedHashMap<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            counts.put(m, 0L);
        }
        jdbc.sql("SELECT received_at FROM notification WHERE received_at >= :start AND received_at < :end AND status <> :withdrawn")
                .param("start", start).param("end", end).param("withdrawn", NotificationStatus.WITHDRAWN.name())
                .query((rs, n) -> rs.getObject("received_at", OffsetDateTime.class)).list()
                .forEach(at -> counts.merge(YearMonth.from(at.atZoneSameInstant(LONDON)), 1L, Long::sum));
        List<MonthCount> result = new ArrayList<>();
        counts.forEach((m, c) -> result.add(new MonthCount(m, c)));
        return result;
    }
}
