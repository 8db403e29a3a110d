package scot.sirgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class GatewayMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(new DriverManagerDataSource("jdbc:h2:mem:gateway-metrics-test")));

    private enum Status { TRIAGE }

    private enum Reason { UNKNOWN_SENDER }

    @Test
    void countInTransactionShouldGoUpOnlyWhenItCommits() {
        transactions.executeWithoutResult(tx -> {
            metrics.notificationRegistered(Status.TRIAGE);
            assertThat(registry.get("sir.notifications.registered").tag("status", "TRIAGE").counter().count())
                    .as("before commit").isZero();
        });
        assertThat(registry.get("sir.notifications.registered").tag("status", "TRIAGE").counter().count()).isEqualTo(1);
    }

    @Test
    void countInRolledBackTransactionShouldNotGoUp() {
        transactions.executeWithoutResult(tx -> {
            metrics.quarantined("unwrap", Reason.UNKNOWN_SENDER);
            tx.setRollbackOnly();
        });
        assertThat(registry.get("sir.quarantined").tags("stage", "unwrap", "reason_code", "UNKNOWN_SENDER").counter()
                .count()).isZero();
    }

    @Test
    void countOutsideTransactionShouldGoUpAtOnce() {
        metrics.messageTaken("MAIL");
        metrics.messageTaken("MAIL");
        assertThat(registry.get("sir.messages.taken").tag("source", "MAIL").counter().count()).isEqualTo(2);
    }

    @Test
    void latencyShouldIgnoreANegativeDurationFromAClockStep() {
        metrics.acknowledged(Duration.ofSeconds(-1));
        metrics.acknowledged(Duration.ofSeconds(3));
        assertThat(registry.get("sir.acknowledgement.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("sir.acknowledgement.latency").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(3);
    }
}
