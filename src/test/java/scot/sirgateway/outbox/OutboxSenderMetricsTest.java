package scot.sirgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

import scot.sirgateway.metrics.GatewayMetrics;

/** A relay that cannot be reached counts a failed attempt for each mail that waits, by purpose. */
class OutboxSenderMetricsTest {

    @Test
    void unreachableRelayShouldCountAFailedAttemptPerWaitingMail() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OutboundMailProperties properties = new OutboundMailProperties("127.0.0.1", closedPort, null, null, false,
                "notifications@sir-gateway.test", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
        Outbox outbox = mock(Outbox.class);
        // each mail is claimed in a transaction of its own; a failed one waits (its next attempt is later)
        when(outbox.claimNext()).thenReturn(
                java.util.Optional.of(new Outbox.OutboxMail(1, Outbox.Purpose.ACKNOWLEDGEMENT, "<a@x>",
                        "a@demo-council.test", 1L, "b1", 0)),
                java.util.Optional.of(new Outbox.OutboxMail(2, Outbox.Purpose.FORWARD, "<f@x>", "sir@gov-scot.test",
                        1L, "b2", 0)),
                java.util.Optional.empty());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxSender sender = new OutboxSender(outbox, new SmtpRelay(properties), properties,
                mock(ApplicationEventPublisher.class), Clock.systemUTC(), new GatewayMetrics(registry),
                new org.springframework.transaction.support.TransactionTemplate(
                        mock(org.springframework.transaction.PlatformTransactionManager.class)));

        assertThat(sender.sendDue()).isZero();

        assertThat(registry.get("sir.outbox.failed").tag("purpose", "ACKNOWLEDGEMENT").counter().count()).isEqualTo(1);
        assertThat(registry.get("sir.outbox.failed").tag("purpose", "FORWARD").counter().count()).isEqualTo(1);
        assertThat(registry.find("sir.outbox.sent").counters()).isEmpty();
        org.mockito.Mockito.verify(outbox).markFailed(org.mockito.ArgumentMatchers.eq(1L),
                org.mockito.ArgumentMatchers.contains("relay unreachable"), org.mockito.ArgumentMatchers.any());
        org.mockito.Mockito.verify(outbox).markFailed(org.mockito.ArgumentMatchers.eq(2L),
                org.mockito.ArgumentMatchers.contains("relay unreachable"), org.mockito.ArgumentMatchers.any());
    }
}
