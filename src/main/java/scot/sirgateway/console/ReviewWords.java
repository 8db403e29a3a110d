package scot.sirgateway.console;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.security.core.Authentication;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.model.SignoffRole;
import scot.sirgateway.review.Review;

/** How the reviews' pages write codes, dates and times in words (UK time) and which role the person signed in has. */
final class ReviewWords {


    private ReviewWords() {
    }

    static String date(LocalDate date) {
        return date == null ? null : DashboardText.DAY.format(date);
    }

    static String time(OffsetDateTime time) {
        return time == null ? null : DashboardText.MOMENT.format(time.atZoneSameInstant(GatewayClock.ZONE));
    }

    static LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(GatewayClock.ZONE));
    }

    static String type(ReviewType type) {
        if (type == null) {
            return "Type not known";
        }
        return switch (type) {
            case IAR -> "Initial analysis review";
            case COMPREHENSIVE -> "Comprehensive review";
        };
    }

    static String signoffRole(SignoffRole role) {
        if (role == null) {
            return null;
        }
        return switch (role) {
            case CSWO -> "Chief social work officer";
            case HEAD_OF_SERVICE -> "Head of service";
            case OTHER -> "Other";
        };
    }

    static String source(FieldSource source) {
        return switch (source) {
            case FORM_FIELD -> "Form field";
            case DOCUMENT_LABEL -> "Label in the document";
            case DESCRIPTION -> "Text of the review";
            case SENDER -> "Sender";
            case OPERATOR -> "Operator";
        };
    }

    static String channel(String source) {
        return switch (source == null ? "" : source) {
            case "MAIL" -> "By mail";
            case "FORM" -> "Through the council's web form or API";
            default -> "Entered by an operator";
        };
    }

    /** The review's state in words with its tag colour: in triage, waiting for the comment, or commented. */
    record State(String text, String tagClass) {
    }

    static State state(Review.Status status, OffsetDateTime commentedAt, LocalDate commentDue, LocalDate today) {
        if (commentedAt != null) {
            return new State("Commented", "govuk-tag--green");
        }
        if (status == Review.Status.TRIAGE) {
            return new State("Triage", "govuk-tag--orange");
        }
        if (commentDue != null && commentDue.isBefore(today)) {
            return new State("Comment overdue", "govuk-tag--red");
        }
        return new State("Waiting for comment", "govuk-tag--blue");
    }

    static boolean has(Authentication person, String role) {
        return person != null && person.getAuthorities().stream().anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority()));
    }

    /** Operators and admins release reviews from triage. */
    static boolean releases(Authentication person) {
        return has(person, "OPERATOR") || has(person, "ADMIN");
    }

    /** Inspectors comment and ask councils for information. */
    static boolean inspects(Authentication person) {
        return has(person, "INSPECTOR");
    }
}
