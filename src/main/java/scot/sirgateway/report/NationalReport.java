package scot.sirgateway.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.storage.StorageCipher;

/**
 * Computes the national report for a period: the notifications received from {@code from} to {@code to}
 * (Europe/London dates, both included), {@code WITHDRAWN} ones left out, with all their reviews, comments and
 * information requests whenever they came. Reads the notification, review and information_request tables;
 * opens the sealed notification sign-off role in memory only to classify it, never keeping or logging it.
 *
 * <p>Percent figures are whole numbers rounded half up, with the exact {@code numerator} and
 * {@code denominator} beside them. The figures' keys are in {@link #compute}.
 */
@Component
public class NationalReport {

    /** Periods longer than this are refused: the report is for one or a few reporting rounds. */
    public static final int MAX_YEARS = 10;

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final JdbcClient jdbc;
    private final CouncilRegistry councils;
    private final StorageCipher cipher;

    public NationalReport(JdbcClient jdbc, CouncilRegistry councils, StorageCipher cipher) {
        this.jdbc = jdbc;
        this.councils = councils;
        this.cipher = cipher;
    }

    /** One figure: its value (a count, a whole percent, a number of working days) and what it is made of. */
    public record Figure(String key, Number value, Long numerator, Long denominator) {
    }

    public record CouncilCount(String council, long count) {
    }

    public record TypeCount(String incidentType, long count, int percent) {
    }

    public record GroupCount(String group, long count, int percent) {
    }

    public record Report(LocalDate from, LocalDate to, List<CouncilCount> byCouncil, List<TypeCount> byType,
            List<GroupCount> byGroup, List<Figure> figures) {

        public Figure figure(String key) {
            return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
        }
    }

    private record Row(long id, String reference, String council, String incidentType, Boolean withinFive,
            Integer daysLate, OffsetDateTime forwardDue, OffsetDateTime forwardedAt, LocalDate reviewDue,
            byte[] signoffRole) {
    }

    private record ReviewRow(long id, long notificationId, String type, OffsetDateTime receivedAt,
            String signoffRole, LocalDate commentDue, OffsetDateTime commentedAt, Boolean riskAssessmentEvident,
            Boolean rmpReferred, Boolean orderReviewsReferred, Boolean iarSufficient, Boolean informationRequested,
            LocalDate notificationReviewDue, boolean requestAbout) {
    }

    /**
     * The report for the period. Figures, by key: {@code notifications_total}, {@code councils_notifying},
     * {@code notified_within_5_working_days_percent}, {@code working_days_late_min}, {@code _max},
     * {@code _median}, {@code _mean} (of the late ones; the mean rounded, sum over count beside it),
     * {@code forwarded_within_2_working_days_percent}, {@code reviews_total}, {@code reviews_iar},
     * {@code reviews_comprehensive}, {@code reviews_within_3_months_percent},
     * {@code comments_within_1_month_percent}, {@code iar_additional_information_requested},
     * {@code notifications_signed_off_as_required_percent},
     * {@code reviews_signed_off_by_head_of_service_or_cswo_percent},
     * {@code reviews_risk_assessment_evident_percent}, {@code reviews_rmp_referred_percent},
     * {@code reviews_order_reviews_referred_percent}, {@code iar_sufficient}.
     */
    public Report compute(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + "): give the period's first day as from");
        }
        if (from.plusYears(MAX_YEARS).isBefore(to)) {
            throw new IllegalArgumentException("the period is over " + MAX_YEARS + " years: ask for a shorter one");
        }
        OffsetDateTime start = from.atStartOfDay(LONDON).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(LONDON).toOffsetDateTime();
        List<Row> rows = jdbc.sql("""
                SELECT id, reference, local_authority, incident_type, notified_within_5_working_days, working_days_late,
                       forward_due, forwarded_at, review_due, signoff_role
                FROM notification WHERE received_at >= :start AND received_at < :end AND status <> :withdrawn
                ORDER BY id""")
                .param("start", start).param("end", end).param("withdrawn", NotificationStatus.WITHDRAWN.name())
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("reference"), rs.getString("local_authority"),
                        rs.getString("incident_type"), (Boolean) rs.getObject("notified_within_5_working_days"),
                        (Integer) rs.getObject("working_days_late"),
                        rs.getObject("forward_due", OffsetDateTime.class), rs.getObject("forwarded_at", OffsetDateTime.class),
                        rs.getObject("review_due", LocalDate.class), rs.getBytes("signoff_role")))
                .list();
        List<ReviewRow> reviews = jdbc.sql("""
                SELECT r.id, r.notification_id, r.review_type, r.received_at, r.signoff_role, r.comment_due, r.commented_at,
                       r.risk_assessment_evident, r.rmp_referred, r.order_reviews_referred, r.iar_sufficient,
                       r.additional_information_requested, n.review_due,
                       EXISTS (SELECT 1 FROM information_request i WHERE i.review_id = r.id) AS request_about
                FROM review r JOIN notification n ON n.id = r.notification_id
                WHERE n.received_at >= :start AND n.received_at < :end AND n.status <> :withdrawn
                ORDER BY r.id""")
                .param("start", start).param("end", end).param("withdrawn", NotificationStatus.WITHDRAWN.name())
                .query((rs, n) -> new ReviewRow(rs.getLong("id"), rs.getLong("notification_id"), rs.getString("review_type"),
                        rs.getObject("received_at", OffsetDateTime.class), rs.getString("signoff_role"),
                        rs.getObject("comment_due", LocalDate.class), rs.getObject("commented_at", OffsetDateTime.class),
                        (Boolean) rs.getObject("risk_assessment_evident"), (Boolean) rs.getObject("rmp_referred"),
                        (Boolean) rs.getObject("order_reviews_referred"), (Boolean) rs.getObject("iar_sufficient"),
                        (Boolean) rs.getObject("additional_information_requested"),
                        rs.getObject("review_due", LocalDate.class), rs.getBoolean("request_about")))
                .list();
        return new Report(from, to, byCouncil(rows), byType(rows), byGroup(rows), figures(rows, reviews));
    }

    private List<CouncilCount> byCouncil(List<Row> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Council council : councils.all()) {
            if (!council.demo()) {
                counts.put(council.name(), 0L);
            }
        }
        for (Row row : rows) {
            // the registry's canonical name; a name no longer in the registry is shown as recorded
            String name = row.council() == null ? "(council not known)"
                    : councils.byName(row.council()).map(Council::name).orElse(row.council());
            counts.merge(name, 1L, Long::sum);
        }
        List<CouncilCount> result = new ArrayList<>();
        counts.forEach((name, count) -> result.add(new CouncilCount(name, count)));
        result.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.council().compareTo(b.council()));
        return result;
    }

    private static List<TypeCount> byType(List<Row> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (IncidentType type : IncidentType.values()) {
            counts.put(type.name(), 0L);
        }
        for (Row row : rows) {
            counts.merge(row.incidentType() == null ? "NOT_KNOWN" : row.incidentType(), 1L, Long::sum);
        }
        List<TypeCount> result = new ArrayList<>();
        counts.forEach((type, count) -> result.add(new TypeCount(type, count, percent(count, rows.size()))));
        return result;
    }

    private static List<GroupCount> byGroup(List<Row> rows) {
        Map<IncidentType.Group, Long> counts = new EnumMap<>(IncidentType.Group.class);
        for (IncidentType.Group group : IncidentType.Group.values()) {
            counts.put(group, 0L);
        }
        long unknown = 0;
        for (Row row : rows) {
            var type = row.incidentType() == null ? java.util.Optional.<IncidentType>empty() : IncidentType.byCode(row.incidentType());
            if (type.isPresent()) {
                counts.merge(type.get().group(), 1L, Long::sum);
            } else {
                unknown++;
            }
        }
        List<GroupCount> result = new ArrayList<>();
        counts.forEach((group, count) -> result.add(new GroupCount(group.name(), count, percent(count, rows.size()))));
        if (unknown > 0) {
            result.add(new GroupCount("NOT_KNOWN", unknown, percent(unknown, rows.size())));
        }
        return result;
    }

    private List<Figure> figures(List<Row> rows, List<ReviewRow> reviews) {
        List<Figure> figures = new ArrayList<>();
        long total = rows.size();
        figures.add(count("notifications_total", total));
        Set<String> notifying = new TreeSet<>();
        rows.stream().filter(r -> r.council() != null)
                .forEach(r -> notifying.add(councils.byName(r.council()).map(Council::name).orElse(r.council())));
        figures.add(count("councils_notifying", notifying.size()));
        figures.add(share("notified_within_5_working_days_percent",
                rows.stream().filter(r -> Boolean.TRUE.equals(r.withinFive())).count(), total));

        List<Integer> late = rows.stream().filter(r -> r.daysLate() != null && r.daysLate() > 5)
                .map(Row::daysLate).sorted().toList();
        long lateSum = late.stream().mapToLong(Integer::longValue).sum();
        figures.add(new Figure("working_days_late_min", late.isEmpty() ? null : late.get(0), null, (long) late.size()));
        figures.add(new Figure("working_days_late_max", late.isEmpty() ? null : late.get(late.size() - 1), null,
                (long) late.size()));
        figures.add(new Figure("working_days_late_median", median(late), null, (long) late.size()));
        figures.add(new Figure("working_days_late_mean", late.isEmpty() ? null
                : BigDecimal.valueOf(lateSum).divide(BigDecimal.valueOf(late.size()), 0, RoundingMode.HALF_UP).intValue(),
                lateSum, (long) late.size()));
        figures.add(share("forwarded_within_2_working_days_percent", rows.stream().filter(r -> r.forwardedAt() != null
                && r.forwardDue() != null && !r.forwardedAt().isAfter(r.forwardDue())).count(), total));

        long reviewCount = reviews.size();
        List<ReviewRow> iars = reviews.stream().filter(r -> ReviewType.IAR.name().equals(r.type())).toList();
        figures.add(count("reviews_total", reviewCount));
        figures.add(count("reviews_iar", iars.size()));
        figures.add(count("reviews_comprehensive",
                reviews.stream().filter(r -> ReviewType.COMPREHENSIVE.name().equals(r.type())).count()));
        figures.add(share("reviews_within_3_months_percent", reviews.stream().filter(r -> r.notificationReviewDue() != null
                && !r.receivedAt().atZoneSameInstant(LONDON).toLocalDate().isAfter(r.notificationReviewDue())).count(),
                reviewCount));
        figures.add(share("comments_within_1_month_percent", reviews.stream().filter(r -> r.commentedAt() != null
                && !r.commentedAt().atZoneSameInstant(LONDON).toLocalDate().isAfter(r.commentDue())).count(), reviewCount));
        long informationRequested = iars.stream()
                .filter(r -> Boolean.TRUE.equals(r.informationRequested()) || r.requestAbout()).count();
        figures.add(new Figure("iar_additional_information_requested", informationRequested, informationRequested,
                (long) iars.size()));
        figures.add(share("notifications_signed_off_as_required_percent",
                rows.stream().filter(this::signedOffAsRequired).count(), total));
        figures.add(share("reviews_signed_off_by_head_of_service_or_cswo_percent", reviews.stream()
                .filter(r -> "HEAD_OF_SERVICE".equals(r.signoffRole()) || "CSWO".equals(r.signoffRole())).count(), reviewCount));
        figures.add(share("reviews_risk_assessment_evident_percent",
                reviews.stream().filter(r -> Boolean.TRUE.equals(r.riskAssessmentEvident())).count(), reviewCount));
        figures.add(share("reviews_rmp_referred_percent",
                reviews.stream().filter(r -> Boolean.TRUE.equals(r.rmpReferred())).count(), reviewCount));
        figures.add(share("reviews_order_reviews_referred_percent",
                reviews.stream().filter(r -> Boolean.TRUE.equals(r.orderReviewsReferred())).count(), reviewCount));
        long sufficient = iars.stream().filter(r -> Boolean.TRUE.equals(r.iarSufficient())).count();
        figures.add(new Figure("iar_sufficient", sufficient, sufficient, (long) iars.size()));
        return figures;
    }

    private boolean signedOffAsRequired(Row row) {
        if (row.signoffRole() == null) {
            return false;
        }
        String role = cipher.decryptValue(row.signoffRole(),
                StorageCipher.associatedData("notification", row.reference(), "signoff_role"));
        return signedOffAsRequired(role);
    }

    /**
     * A criminal justice service manager or more senior, read from the words: Service Manager, Senior
     * Manager, Head of Service, CSWO or Chief Social Work Officer (any case and punctuation).
     */
    static boolean signedOffAsRequired(String role) {
        if (role == null) {
            return false;
        }
        String words = " " + role.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").trim() + " ";
        return words.contains(" service manager ") || words.contains(" senior manager ")
                || words.contains(" head of service ") || words.contains(" cswo ")
                || words.contains(" chief social work officer ");
    }

    private static Number median(List<Integer> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        BigDecimal sum = BigDecimal.valueOf(sorted.get(middle - 1) + sorted.get(middle));
        BigDecimal half = sum.divide(BigDecimal.valueOf(2));
        return half.stripTrailingZeros().scale() <= 0 ? (Number) half.intValue() : half;
    }

    private static Figure count(String key, long value) {
        return new Figure(key, value, null, null);
    }

    private static Figure share(String key, long numerator, long denominator) {
        return new Figure(key, denominator == 0 ? null : percent(numerator, denominator), numerator, denominator);
    }

    /** A whole percent, rounded half up (22 of 111 is 20). */
    static int percent(long numerator, long denominator) {
        if (denominator == 0) {
            return 0;
        }
        return BigDecimal.valueOf(numerator * 100).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP).intValue();
    }
}
