package scot.sirgateway.deadline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.model.ClockKind;
import scot.sirgateway.review.Reviews;

/**
 * Every open clock falling due in a period (both days included), oldest first: the forward to Scottish
 * Government (not yet forwarded), the review (no review received), the comment on each review (not yet
 * given) and each request for information (not yet answered). Withdrawn notifications have no clocks.
 */
@Component
public class Deadlines {

    /** The longest period asked for at once. */
    public static final int MAX_DAYS = 400;

    /**
     * One clock: {@code due} is the day it falls due, {@code forwardDue} the moment for the forward clock;
     * {@code reviewId} (the review's number, 2 for r2) for a comment, {@code requestId} (1 for i1) for a request.
     */
    public record Deadline(String reference, String council, ClockKind clock, Integer reviewId, Integer requestId,
            LocalDate due, OffsetDateTime forwardDue, boolean overdue, boolean paused) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public Deadlines(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The clocks due from {@code from} to {@code to}; IllegalArgumentException for a period that is back to front or too long. */
    public List<Deadline> between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (to=" + to + ") before it starts (from=" + from + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to.plusDays(1))) {
            throw new IllegalArgumentException("the period is longer than " + MAX_DAYS + " days: ask for a shorter one");
        }
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(GatewayClock.ZONE));
        LocalDate today = now.toLocalDate();
        List<Deadline> all = new ArrayList<>();
        OffsetDateTime start = from.atStartOfDay(GatewayClock.ZONE).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(GatewayClock.ZONE).toOffsetDateTime();
        jdbc.sql("SELECT reference, local_authority, forward_due, reminders_paused FROM notification "
                        + "WHERE status <> 'WITHDRAWN' AND forwarded_at IS NULL AND forward_due >= ? AND forward_due < ?")
                .params(start, end)
                .query((rs, i) -> {
                    OffsetDateTime due = rs.getObject(3, OffsetDateTime.class).atZoneSameInstant(GatewayClock.ZONE)
                            .toOffsetDateTime();
                    return new Deadline(rs.getString(1), rs.getString(2), ClockKind.FORWARD, null, null,
                            due.toLocalDate(), due, due.isBefore(now), rs.getBoolean(4));
                })
                .list().forEach(all::add);
        jdbc.sql("SELECT n.reference, n.local_authority, n.review_due, n.reminders_paused FROM notification n "
                        + "WHERE n.status <> 'WITHDRAWN' AND n.review_due BETWEEN ? AND ? "
                        + "AND NOT EXISTS (SELECT 1 FROM review r WHERE r.notification_id = n.id AND " + Reviews.COUNTS_FOR_CLOCKS + ")")
                .params(from, to)
                .query((rs, i) -> dated(rs.getString(1), rs.getString(2), ClockKind.REVIEW, null, null,
                        rs.getObject(3, LocalDate.class), today, rs.getBoolean(4)))
                .list().forEach(all::add);
        jdbc.sql("SELECT n.reference, n.local_authority, r.seq, r.comment_due, n.reminders_paused FROM review r "
                        + "JOIN notification n ON n.id = r.notification_id WHERE n.status <> 'WITHDRAWN' "
                        + "AND r.commented_at IS NULL AND " + Reviews.COUNTS_FOR_CLOCKS + " AND r.comment_due BETWEEN ? AND ?")
                .params(from, to)
                .query((rs, i) -> dated(rs.getString(1), rs.getString(2), ClockKind.COMMENT, rs.getInt(3), null,
                        rs.getObject(4, LocalDate.class), today, rs.getBoolean(5)))
                .list().forEach(all::add);
        jdbc.sql("SELECT n.reference, n.local_authority, q.seq, q.due, n.reminders_paused FROM information_request q "
                        + "JOIN notification n ON n.id = q.notification_id WHERE n.status <> 'WITHDRAWN' "
                        + "AND q.answered_at IS NULL AND q.due BETWEEN ? AND ?")
                .params(from, to)
                .query((rs, i) -> dated(rs.getString(1), rs.getString(2), ClockKind.INFORMATION, null, rs.getInt(3),
                        rs.getObject(4, LocalDate.class), today, rs.getBoolean(5)))
                .list().forEach(all::add);
        // oldest first: by day, a forward (due at the day's end) after the day's date-only clocks
        all.sort(Comparator.comparing(Deadline::due)
                .thenComparing(d -> d.forwardDue() == null ? 0 : 1)
                .thenComparing(d -> d.forwardDue() == null ? OffsetDateTime.MIN : d.forwardDue())
                .thenComparing(Deadline::reference)
                .thenComparing(Deadline::clock));
        return all;
    }

    private static Deadline dated(String reference, String council, ClockKind clock, Integer reviewId, Integer requestId,
            LocalDate due, LocalDate today, boolean paused) {
        return new Deadline(reference, council, clock, reviewId, requestId, due, null, due.isBefore(today), paused);
    }
}
