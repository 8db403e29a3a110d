package scot.sirgateway.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import scot.sirgateway.storage.MessageHeaders;

class ThreadMatchingRulesTest {

    private static MessageHeaders headers(String... lines) {
        return MessageHeaders.parse((String.join("\r\n", lines) + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void subjectShouldQuoteAReferenceAsTheGatewayWritesIt() {
        assertThat(ThreadMatcher.quotedReference("Re: [SIR-2026-0042] Serious incident")).contains("SIR-2026-0042");
        assertThat(ThreadMatcher.quotedReference("review for sir-2026-12345, as promised")).contains("SIR-2026-12345");
        assertThat(ThreadMatcher.quotedReference("XSIR-2026-0042")).isEmpty();
        assertThat(ThreadMatcher.quotedReference("SIR-2026-042")).isEmpty();
        assertThat(ThreadMatcher.quotedReference(null)).isEmpty();
    }

    @Test
    void machineRepliesShouldBeAutoSubmitted() {
        assertThat(AutoSubmitted.is(headers("Auto-Submitted: auto-replied"), "Re: x")).isTrue();
        assertThat(AutoSubmitted.is(headers("Auto-Submitted: no"), "Re: x")).isFalse();
        assertThat(AutoSubmitted.is(headers("X-Autoreply: yes"), "x")).isTrue();
        assertThat(AutoSubmitted.is(headers("X-Autorespond: yes"), "x")).isTrue();
        assertThat(AutoSubmitted.is(headers("Precedence: auto_reply"), "x")).isTrue();
        assertThat(AutoSubmitted.is(headers("Precedence: first-class"), "x")).isFalse();
        assertThat(AutoSubmitted.is(headers("Subject: x"), "Automatic reply: [SIR-2026-0042]")).isTrue();
        assertThat(AutoSubmitted.is(headers("Subject: x"), "Out of Office: back Monday")).isTrue();
        assertThat(AutoSubmitted.is(headers("Subject: x"), "Re: [SIR-2026-0042] review")).isFalse();
    }
}
