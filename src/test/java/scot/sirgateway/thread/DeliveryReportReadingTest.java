package scot.sirgateway.thread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSubmissions;

/** What a delivery report is taken to say, in the shapes mail servers write it. */
class DeliveryReportReadingTest {

    @Test
    void reportShouldNameTheReturnedHeadersMessageIdTheOutcomeAndTheFailedRecipient() throws Exception {
        var report = DeliveryReports.read(TestSubmissions.submission(TestMessages.deliveryReport("mailer-daemon@x.test",
                "<report@x.test>", "<SIR-2026-0001.ack@sir-gateway.test>", "failed", "someone@demo-council.test")));
        assertThat(report.messageIds()).containsExactly("<SIR-2026-0001.ack@sir-gateway.test>");
        assertThat(report.outcome()).isEqualTo(DeliveryReports.Outcome.FAILED);
        assertThat(report.recipient()).isEqualTo("someone@demo-council.test");
    }

    @Test
    void returnedWholeMessageAndSeveralRecipientsShouldBeReadFailureFirst() throws Exception {
        String mail = "From: MAILER-DAEMON@x.test\r\n"
                + "To: notifications@sir-gateway.test\r\n"
                + "Subject: Delivery Status Notification\r\n"
                + "Message-ID: <r2@x.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=\"delivery-status\"; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nSome went, one did not.\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.x.test\r\n\r\n"
                + "Final-Recipient: rfc822; first@demo-council.test\r\nAction: delivered\r\nStatus: 2.0.0\r\n\r\n"
                + "Final-Recipient: rfc822;second@demo-council.test\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\n"
                + "From: notifications@sir-gateway.test\r\nMessage-ID: <SIR-2026-0002.review-7d@sir-gateway.test>\r\n"
                + "Subject: x\r\n\r\nthe body\r\n"
                + "--b--\r\n";
        var report = DeliveryReports.read(TestSubmissions.submission(mail));
        assertThat(report.messageIds()).containsExactly("<SIR-2026-0002.review-7d@sir-gateway.test>");
        assertThat(report.outcome()).isEqualTo(DeliveryReports.Outcome.FAILED);
        assertThat(report.recipient()).isEqualTo("second@demo-council.test");
    }

    @Test
    void reportWithoutReturnedHeadersShouldFallBackToInReplyToAndOnlyReportsCount() throws Exception {
        String mail = "From: postmaster@x.test\r\nMessage-ID: <r3@x.test>\r\n"
                + "In-Reply-To: <SIR-2026-0003.forward@sir-gateway.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nDelayed.\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Final-Recipient: rfc822; sir@gov-scot.test\r\nAction: delayed\r\n\r\n"
                + "--b--\r\n";
        var submission = TestSubmissions.submission(mail);
        assertThat(DeliveryReports.isReport(submission.mime())).isTrue();
        var report = DeliveryReports.read(submission);
        assertThat(report.messageIds()).containsExactly("<SIR-2026-0003.forward@sir-gateway.test>");
        assertThat(report.outcome()).isEqualTo(DeliveryReports.Outcome.DELAYED);

        var notReport = TestSubmissions.submission("From: a@b.test\r\nMessage-ID: <n@b.test>\r\n"
                + "In-Reply-To: <SIR-2026-0003.forward@sir-gateway.test>\r\nContent-Type: text/plain\r\n\r\nhello\r\n");
        assertThat(DeliveryReports.isReport(notReport.mime())).isFalse();
        var disposition = TestSubmissions.submission("From: a@b.test\r\nMessage-ID: <m@b.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nread\r\n--b--\r\n");
        assertThat(DeliveryReports.isReport(disposition.mime())).isFalse();
    }
}
