package scot.sirgateway.console;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.model.IncidentType;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.model.ReviewStatus;

/**
 * The words the dashboard and the notifications list show for the gateway's codes and times: incident types as
 * {@code DOMAIN.md} says them, statuses and their tag colours, moments in UK time ("1 December 2026 at 10:42") and
 * the time left on a clock ("1 day 3 hours left", "overdue by 2 hours").
 */
final class DashboardText {

    /** A moment in words, as every console page writes it: "1 December 2026 at 10:42" (give it UK time). */
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK);
    /** A day in words, as every console page writes it: "1 December 2026". */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private static final Map<IncidentType, String> TYPES = new EnumMap<>(IncidentType.class);

    static {
        TYPES.put(IncidentType.MURDER_PERPETRATOR, "Murder or culpable homicide (offender as perpetrator)");
        TYPES.put(IncidentType.MURDER_VICTIM, "Offender was the victim of murder");
        TYPES.put(IncidentType.ATTEMPTED_MURDER, "Attempted murder");
        TYPES.put(IncidentType.SEXUAL_OFFENCE, "Sexual offence");
        TYPES.put(IncidentType.INDECENT_IMAGES, "Indecent images of persons under 18");
        TYPES.put(IncidentType.SERIOUS_ASSAULT, "Serious assault");
        TYPES.put(IncidentType.ASSAULT_AND_ROBBERY, "Assault and robbery");
        TYPES.put(IncidentType.SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER, "Assault to severe injury and attempted murder");
        TYPES.put(IncidentType.ASSAULT_WEAPON_BREACH_OF_PEACE,
                "Assault, carrying an offensive weapon and breach of the peace");
        TYPES.put(IncidentType.DEATH_FROM_SERIOUS_ASSAULT, "Death from a serious assault");
        TYPES.put(IncidentType.CHILD_ABUSE, "Child abuse");
        TYPES.put(IncidentType.ABDUCTION, "Abduction or holding hostage");
        TYPES.put(IncidentType.TERRORISM, "Terrorism offences");
        TYPES.put(IncidentType.FIRE_RAISING, "Fire-raising with intent to cause harm");
        TYPES.put(IncidentType.FIREARM, "Possession of a firearm");
        TYPES.put(IncidentType.STALKING, "Stalking");
        TYPES.put(IncidentType.BURGLARY, "Burglary");
        TYPES.put(IncidentType.UNEXPLAINED_DEATH, "Offender died, cause unexplained");
        TYPES.put(IncidentType.SUICIDE, "Offender died by suicide");
        TYPES.put(IncidentType.ACCIDENTAL_DEATH, "Offender died by accident");
        TYPES.put(IncidentType.OTHER, "Other");
    }

    private DashboardText() {
    }

    static String type(IncidentType type) {
        return type == null ? "Not known" : TYPES.get(type);
    }

    /** The type in words; for {@code OTHER}, what the council wrote beside it (shown as text, never as markup). */
    static String type(IncidentType type, String other) {
        if (type == IncidentType.OTHER && other != null && !other.isBlank()) {
            return "Other: " + other;
        }
        return type(type);
    }

    static String status(NotificationStatus status) {
        return switch (status) {
            case TRIAGE -> "Triage";
            case REGISTERED -> "Registered";
            case FORWARDED -> "Forwarded";
            case WITHDRAWN -> "Withdrawn";
        };
    }

    /** The GOV.UK tag colour of a status: triage orange, registered blue, forwarded green, withdrawn grey. */
    static String statusTag(NotificationStatus status) {
        return switch (status) {
            case TRIAGE -> "govuk-tag--orange";
            case REGISTERED -> "govuk-tag--blue";
            case FORWARDED -> "govuk-tag--green";
            case WITHDRAWN -> "govuk-tag--grey";
        };
    }

    static String reviewStatus(ReviewStatus status) {
        if (status == null) {
            return "Not known";
        }
        return switch (status) {
            case AWAITING_REVIEW -> "Awaiting review";
            case REVIEW_OVERDUE -> "Review overdue";
            case REVIEW_RECEIVED -> "Review received";
            case COMMENTED -> "Commented";
        };
    }

    static String source(String source) {
        return "MAIL".equals(source) ? "Mail" : "FORM".equals(source) ? "Web form or API" : source;
    }

    /** A moment in UK time, in words: "1 December 2026 at 10:42"; "Not yet" when there is none. */
    static String moment(OffsetDateTime at) {
        return at == null ? "Not yet" : MOMENT.format(at.atZoneSameInstant(GatewayClock.ZONE));
    }

    static String moment(Instant at) {
        return at == null ? "Not yet" : MOMENT.format(at.atZone(GatewayClock.ZONE));
    }

    static String day(java.time.LocalDate day) {
        return DAY.format(day);
    }

    /** The time from now to a clock's end: "1 day 3 hours left", "35 minutes left", or "Overdue by 2 hours". */
    static String timeLeft(Instant now, Instant due) {
        Duration left = Duration.between(now, due);
        if (left.isNegative()) {
            return "Overdue by " + span(left.negated());
        }
        return span(left) + " left";
    }

    /** A span in days and hours, or in minutes when under an hour (at least "1 minute"). */
    static String span(Duration span) {
        long days = span.toDays();
        long hours = span.toHoursPart();
        if (days == 0 && hours == 0) {
            long minutes = Math.max(1, span.toMinutesPart());
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append(days == 1 ? " day" : " days");
        }
        if (hours > 0) {
            text.append(text.isEmpty() ? "" : " ").append(hours).append(hours == 1 ? " hour" : " hours");
        }
        return text.toString();
    }
}
