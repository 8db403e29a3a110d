package scot.sirgateway.acknowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import scot.sirgateway.intake.IntakeProperties;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.outbox.OutboundMailProperties;

class ReplyRulesTest {

    private final ReplyRules rules = new ReplyRules(
            new OutboundMailProperties("smtp", 25, null, null, false, "notifications@sir-gateway.test",
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            new IntakeProperties("imap", "imap", 143, "intake@sir-gateway.test", "x", "INBOX", "P", "Q", 1000,
                    Duration.ofSeconds(1), 50, 20, 262144, 3, true, true));

    private static MessageHeaders headers(String extra) {
        return MessageHeaders.parse(("From: a@demo-council.test\r\n" + extra + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void ordinaryMailShouldBeAnswered() {
        assertThat(rules.reasonNotToReply(headers("Auto-Submitted: no\r\n"), "a@demo-council.test")).isEmpty();
    }

    @Test
    void automaticAndBulkMailShouldNeverBeAnswered() {
        String to = "a@demo-council.test";
        assertThat(rules.reasonNotToReply(headers("Auto-Submitted: auto-replied\r\n"), to)).isPresent();
        assertThat(rules.reasonNotToReply(headers("Precedence: bulk\r\n"), to)).isPresent();
        assertThat(rules.reasonNotToReply(headers("Precedence: junk\r\n"), to)).isPresent();
        assertThat(rules.reasonNotToReply(headers("List-Id: <x.list>\r\n"), to)).isPresent();
        assertThat(rules.reasonNotToReply(headers("Content-Type: multipart/report; report-type=delivery-status\r\n"), to)).isPresent();
        assertThat(rules.reasonNotToReply(headers("Return-Path: <>\r\n"), to)).isPresent();
        assertThat(rules.reasonNotToReply(headers(""), "MAILER-DAEMON@demo-council.test")).isPresent();
        assertThat(rules.reasonNotToReply(headers(""), "Notifications@sir-gateway.test")).isPresent();
        assertThat(rules.reasonNotToReply(headers(""), "intake@sir-gateway.test")).isPresent();
        assertThat(rules.reasonNotToReply(headers(""), null)).isPresent();
    }
}
