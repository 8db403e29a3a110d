package scot.sirgateway.thread;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.outbox.OutboxMailBounced;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.storage.StoredMessages;

/**
 * The {@code intake-reports} step, before any sender check: a delivery status notification
 * ({@code multipart/report}) that names a Message-ID the gateway sent is matched to that mail and never
 * answered. A report that the mail failed marks it bounced and publishes {@link OutboxMailBounced}, on which
 * what the mail was about decides what follows (a reminder is undelivered, a forward goes back on its
 * clock); a report of a delay or a delivery is only recorded. A report naming no mail of the gateway goes on
 * through the stages like any other message (and, coming from no council, is quarantined, unanswered).
 *
 * <p>The original's Message-ID is read from the report's returned message or headers
 * ({@code message/rfc822}, {@code text/rfc822-headers}), else from its own In-Reply-To and References. A
 * report must name, in its delivery status, a recipient the mail was sent to (a report without one is
 * not taken as the gateway's): Message-IDs of the gateway's mail are predictable, its recipients less so.
 */
@Component("deliveryReports")
public class DeliveryReports {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

    /** What a report says of the mail it is about. */
    enum Outcome { FAILED, DELAYED, DELIVERED }

    private final Outbox outbox;
    private final Notifications notifications;
    private final StoredMessages storedMessages;
    private final Timeline timeline;
    private final OperatorAlerts alerts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public DeliveryReports(Outbox outbox, Notifications notifications, StoredMessages storedMessages, Timeline timeline,
            OperatorAlerts alerts, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.storedMessages = storedMessages;
        this.timeline = timeline;
        this.alerts = alerts;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Matches the message when it is a delivery report about the gateway's mail, and then stops the route
     * there, so it reaches no later stage.
     */
    public Submission match(Submission submission, Exchange exchange) {
        if (!isReport(submission.mime())) {
            return submission;
        }
        Report report = read(submission);
        // a report must also name a recipient of that mail (every delivery status has a Final-Recipient): a
        // report made up from a guessed Message-ID alone is not taken as the gateway's
        Optional<Outbox.Sent> match = report.recipient() == null ? Optional.empty() : report.messageIds().stream()
                .map(outbox::sent).flatMap(Optional::stream)
                .filter(mail -> mail.recipients().contains(report.recipient().toLowerCase(Locale.ROOT)))
                .findFirst();
        if (match.isEmpty()) {
            return submission;
        }
        transactions.executeWithoutResult(tx -> record(submission, report, match.get()));
        exchange.setRouteStop(true);
        return submission;
    }

    private void record(Submission submission, Report report, Outbox.Sent mail) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String what = describe(mail.purpose());
        if (report.outcome() == Outcome.FAILED && outbox.markBounced(mail.id(), now)) {
            if (mail.notificationId() != null) {
                timeline.append(mail.notificationId(), "MAIL_UNDELIVERED", what + " " + mail.messageId()
                        + " was not delivered: a delivery report came back (stored message " + submission.storedMessageId() + ")");
            }
            if (mail.purpose() != Outbox.Purpose.REMINDER && mail.purpose() != Outbox.Purpose.FORWARD
                    && mail.purpose() != Outbox.Purpose.ALERT) {
                String reference = mail.notificationId() == null ? null : notifications.referenceOf(mail.notificationId());
                alerts.raise("MAIL_UNDELIVERED", "undelivered:" + mail.messageId(), java.time.Duration.ofDays(7),
                        (reference == null ? "" : "[" + reference + "] ") + "A mail of the gateway was not delivered",
                        "A delivery report says that " + what + " " + mail.messageId() + " did not reach its recipient."
                                + "\nCheck the address in the console and reach the council another way.",
                        mail.notificationId());
            }
            events.publishEvent(new OutboxMailBounced(mail.id(), mail.purpose(), mail.messageId(),
                    mail.notificationId(), report.recipient(), now));
            log.warn("delivery report: outbox mail {} ({}) bounced (stored message {})", mail.id(), mail.purpose(),
                    submission.storedMessageId());
        } else if (mail.notificationId() != null) {
            timeline.append(mail.notificationId(), "DELIVERY_REPORT", what + " " + mail.messageId() + ": "
                    + report.outcome().name().toLowerCase(Locale.ROOT) + " (stored message " + submission.storedMessageId() + ")");
            log.info("delivery report: outbox mail {} ({}) {}", mail.id(), mail.purpose(), report.outcome());
        }
        storedMessages.markState(submission.storedMessageId(), StoredMessages.State.PROCESSED);
    }

    private static String describe(Outbox.Purpose purpose) {
        return switch (purpose) {
            case ACKNOWLEDGEMENT -> "the acknowledgement";
            case REJECTION -> "the reply";
            case FORWARD -> "the forward to Scottish Government";
            case ALERT -> "the alert";
            case REVIEW_ACKNOWLEDGEMENT -> "the review's acknowledgement";
            case REMINDER -> "the reminder";
            case INFORMATION_REQUEST -> "the request for information";
            case DRAFT_EXPIRY_WARNING -> "the warning that a web form draft will be deleted";
        };
    }

    /** A delivery status notification: {@code multipart/report}, of the delivery-status kind or of none given. */
    static boolean isReport(Part message) {
        try {
            if (!message.isMimeType("multipart/report")) {
                return false;
            }
            String type = new jakarta.mail.internet.ContentType(message.getContentType()).getParameter("report-type");
            return type == null || type.equalsIgnoreCase("delivery-status");
        } catch (MessagingException e) {
            return false;
        }
    }

    /** What a report says: the Message-IDs it names (returned message first), the outcome, the failed recipient. */
    record Report(List<String> messageIds, Outcome outcome, String recipient) {
    }

    static Report read(Submission submission) {
        Set<String> ids = new LinkedHashSet<>();
        Outcome outcome = null;
        String recipient = null;
        try {
            Object content = submission.mime().getContent();
            if (content instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    Part part = parts.getBodyPart(i);
                    if (part.isMimeType("message/delivery-status")) {
                        DeliveryStatus status = deliveryStatus(part);
                        outcome = status.outcome();
                        recipient = status.recipient();
                    } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                            || part.isMimeType("message/rfc822-headers")) {
                        headersOf(part).ifPresent(headers -> {
                            String id = headers.getHeader("Message-ID", null);
                            if (id != null) {
                                ids.add(id.trim());
                            }
                        });
                    }
                }
            }
        } catch (MessagingException | IOException e) {
            // what could be read is used; the In-Reply-To below may still name the mail
        }
        for (String header : List.of("In-Reply-To", "References")) {
            String value = submission.headers().header(header);
            if (value != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("<[^<>\\s]{1,400}>").matcher(value);
                while (m.find()) {
                    ids.add(m.group());
                }
            }
        }
        return new Report(new ArrayList<>(ids), outcome == null ? Outcome.FAILED : outcome, recipient);
    }

    private record DeliveryStatus(Outcome outcome, String recipient) {
    }

    /**
     * The per-recipient fields of a {@code message/delivery-status} part: the first failed recipient decides
     * (a report of several recipients is a failure when any failed), else a delay, else a delivery.
     */
    private static DeliveryStatus deliveryStatus(Part part) throws MessagingException, IOException {
        String text;
        try (InputStream in = part.getInputStream()) {
            text = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.US_ASCII);
        }
        Outcome outcome = null;
        String recipient = null;
        String currentRecipient = null;
        for (String line : text.split("\\r?\\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("final-recipient") || name.equals("original-recipient") && currentRecipient == null) {
                int semicolon = value.indexOf(';');
                currentRecipient = (semicolon < 0 ? value : value.substring(semicolon + 1)).trim();
            } else if (name.equals("action")) {
                Outcome said = switch (value.toLowerCase(Locale.ROOT)) {
                    case "failed" -> Outcome.FAILED;
                    case "delayed" -> Outcome.DELAYED;
                    default -> Outcome.DELIVERED;
                };
                if (outcome == null || said.ordinal() < outcome.ordinal()) {
                    outcome = said;
                    recipient = currentRecipient;
                }
                currentRecipient = null;
            }
        }
        return new DeliveryStatus(outcome == null ? Outcome.FAILED : outcome, recipient);
    }

    /** The header block of a returned message or of returned headers, read no further than 256 KB. */
    private static Optional<InternetHeaders> headersOf(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] head = in.readNBytes(256 * 1024);
            InternetHeaders headers = new InternetHeaders(new java.io.ByteArrayInputStream(head));
            Enumeration<Header> all = headers.getAllHeaders();
            return all.hasMoreElements() ? Optional.of(headers) : Optional.empty();
        }
    }
}
