package scot.sirgateway.acknowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.outbox.Outbox;

/**
 * The hourly limits on acknowledgements to unverified senders ({@code gateway.acknowledge.*}): anyone
 * can forge an unsigned mail from a council's address, so a flood of them must not become a flood of
 * acknowledgements to that address or its council's domain. Per address, the acknowledgements of the
 * last hour in the outbox count; per council domain (a subdomain counts for its council's domain), the
 * acknowledgements of unverified mail of the last hour. Past a limit the acknowledgement is held back
 * and operators get one alert for the flood, which counts every acknowledgement held back while it goes on.
 */
@Component
class UnverifiedAcknowledgements {

    static final String ALERT_KIND = "ACKNOWLEDGEMENTS_HELD_BACK";
    private static final Duration HOUR = Duration.ofHours(1);

    private final AcknowledgeProperties limits;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final OperatorAlerts alerts;
    private final Clock clock;

    UnverifiedAcknowledgements(AcknowledgeProperties limits, Outbox outbox, JdbcClient jdbc, OperatorAlerts alerts,
            Clock clock) {
        this.limits = limits;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Records the acknowledgement of an unverified notification as queued or held back; answers why it
     * is held back, or empty when it may go.
     */
    Optional<String> reasonToHoldBack(long notificationId, Submission submission) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String address = submission.senderAddress();
        String domain = councilDomain(address, submission.senderCouncil());
        String why = null;
        if (outbox.countSince(Outbox.Purpose.ACKNOWLEDGEMENT, address, now.minus(HOUR)) >= limits.unverifiedPerAddressPerHour()) {
            why = "held back: " + limits.unverifiedPerAddressPerHour() + " acknowledgements went to this unverified "
                    + "address within the hour (gateway.acknowledge.unverified-per-address-per-hour)";
        } else if (jdbc.sql("SELECT COUNT(*) FROM unverified_acknowledgement WHERE council_domain = ? AND queued AND at >= ?")
                .params(domain, now.minus(HOUR)).query(Long.class).single() >= limits.unverifiedPerDomainPerHour()) {
            why = "held back: " + limits.unverifiedPerDomainPerHour() + " acknowledgements went to unverified addresses "
                    + "of this council's domain within the hour (gateway.acknowledge.unverified-per-domain-per-hour)";
        }
        jdbc.sql("INSERT INTO unverified_acknowledgement (notification_id, council_domain, queued, at) VALUES (?, ?, ?, ?)")
                .params(notificationId, domain, why == null, now).update();
        if (why != null) {
            String council = submission.senderCouncil() == null ? domain : submission.senderCouncil().name();
            alerts.raise(ALERT_KIND, "acknowledgements:" + domain, HOUR,
                    "Acknowledgements held back: a flood of unverified mail from " + council,
                    "More unsigned mail than the hourly limits allow came in the name of " + council + " (" + domain
                            + "). Each message is registered for triage; its acknowledgement is held back, so the "
                            + "flood does not become a flood of replies. The alert counts every acknowledgement held "
                            + "back while the flood goes on. If the mail is forged, withdraw the notifications in the console.",
                    null);
        }
        return Optional.ofNullable(why);
    }

    /** The council's domain the address belongs to (a subdomain counts for its council's domain). */
    static String councilDomain(String address, Council council) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return council == null ? domain : council.domainCovering(domain).orElse(domain);
    }
}
