package scot.sirgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    private static final String MESSAGE = "From: a@b.test\r\nMessage-ID: <1@b.test>\r\nReceived-SPF: pass\r\n\r\nbody\r\n";

    @Test
    void leadingTraceHeadersShouldBeSkippedWithTheirFoldedLines() {
        String relayed = "Return-Path: <a@b.test>\r\nReceived: from x\r\n\tby y; Fri, 27 Nov 2026\r\nDelivered-To: c@d.test\r\n" + MESSAGE;
        byte[] raw = relayed.getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(raw, TraceHeaders.endOfLeadingTraceHeaders(raw), MESSAGE.length(), StandardCharsets.US_ASCII))
                .isEqualTo(MESSAGE);
        assertThat(TraceHeaders.sha256(raw, TraceHeaders.endOfLeadingTraceHeaders(raw)))
                .isEqualTo(TraceHeaders.sha256(MESSAGE.getBytes(StandardCharsets.US_ASCII), 0));
    }

    @Test
    void traceHeadersAfterTheFirstOtherHeaderShouldCount() {
        String inner = "From: a@b.test\r\nReceived: from x\r\n\r\nbody\r\n";
        byte[] raw = inner.getBytes(StandardCharsets.US_ASCII);
        assertThat(TraceHeaders.endOfLeadingTraceHeaders(raw)).isZero();
    }

    @Test
    void bareLineFeedsShouldWorkToo() {
        byte[] raw = "Received: from x\nFrom: a@b.test\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(TraceHeaders.endOfLeadingTraceHeaders(raw)).isEqualTo("Received: from x\n".length());
    }
}
