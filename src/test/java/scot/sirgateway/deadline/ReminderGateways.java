package scot.sirgateway.deadline;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.SirGatewayApplication;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.support.TestMailServer;

/**
 * Gateways of their own for the reminder tests that stop and start them: each with its own database
 * (given), its own intake mailbox, government and alert mailboxes, and a reminder engine checking often.
 */
final class ReminderGateways {

    private static final Pattern REMINDER_ID = Pattern.compile("<SIR-\\d{4}-\\d{4}\\.(r\\d+\\.|i\\d+\\.)?"
            + "(review|comment|information)-.*");

    private ReminderGateways() {
    }

    static ConfigurableApplicationContext start(String name, List<String> database, int smtpPort, boolean intake) {
        TestMailServer mail = TestMailServer.shared();
        String intakeAddress = name + "-intake@sir-gateway.test";
        mail.greenMail().setUser(intakeAddress, intakeAddress, TestMailServer.INTAKE_PASSWORD);
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--gateway.mail.intake.port=" + mail.imapPort(),
                "--gateway.mail.intake.username=" + intakeAddress,
                "--gateway.mail.intake.password=" + TestMailServer.INTAKE_PASSWORD,
                "--gateway.mail.intake.enabled=" + intake,
                "--gateway.mail.outbound.port=" + smtpPort,
                "--gateway.mail.outbound.poll-delay=100ms",
                "--gateway.reminders.poll-delay=100ms",
                // its own database numbers references from 1 too: its mail goes to mailboxes of its own
                "--gateway.government.recipients[0]=" + name + "-gov@gov-scot.test",
                "--gateway.alerts.recipients[0]=" + name + "-alerts@sir-gateway.test"));
        args.addAll(database);
        return new SpringApplicationBuilder(SirGatewayApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    /**
     * A forwarded notification of the demo council whose review was due three days ago, received three
     * months before that: its review reminder is due now. Written straight to the table (no mail).
     */
    static long overdueNotification(Notifications notifications, String reference, String notifier) {
        LocalDate due = LocalDate.now(GatewayClock.ZONE).minusDays(3);
        OffsetDateTime received = due.minusMonths(3).atTime(10, 0).atZone(GatewayClock.ZONE).toOffsetDateTime();
        return ReminderFixtures.insertNotification(notifications, reference, NotificationStatus.FORWARDED, received, due,
                null, "Demo Council", notifier);
    }

    /** The reminders (by their Message-ID) that reached the address. */
    static List<MimeMessage> reminders(String address) {
        return TestMailServer.shared().received(address).stream().filter(m -> {
            try {
                return m.getMessageID() != null && REMINDER_ID.matcher(m.getMessageID()).matches();
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
