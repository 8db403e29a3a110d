package scot.sirgateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;

import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.intake.Submission;

/** A stage that keeps failing is logged by class, SQL state, stage and stored message id: never by its message. */
@ExtendWith(OutputCaptureExtension.class)
class FailureLoggingTest {

    private static final String VALUE = "Head of Secret Marker Services";

    /** What a database says when a value overflows its column: it quotes the value. */
    private static Exception overflow() {
        SQLException sql = new SQLException("Value too long for column \"SIGNOFF_ROLE CHARACTER VARYING(200)\": \"'"
                + VALUE + "' (257)\"", "22001");
        return new DataIntegrityViolationException("PreparedStatementCallback; SQL [INSERT ...]; " + sql.getMessage(), sql);
    }

    @Test
    void summaryShouldNameClassesAndSqlStateButNoMessage() {
        assertThat(FailureSummary.of(overflow()))
                .isEqualTo("org.springframework.dao.DataIntegrityViolationException caused by java.sql.SQLException "
                        + "(SQL state 22001)");
        assertThat(FailureSummary.of(new IllegalStateException(VALUE))).isEqualTo("java.lang.IllegalStateException");
        assertThat(FailureSummary.of(null)).isEqualTo("unknown error");
    }

    @Test
    void stageFailureShouldBeLoggedWithoutTheValuesItsMessageQuotes(CapturedOutput output) {
        QuarantineEntries entries = mock(QuarantineEntries.class);
        StoredMessages storedMessages = mock(StoredMessages.class);
        when(storedMessages.find(42L)).thenReturn(Optional.of(new StoredMessages.StoredMessage(42, "MAIL", "<m@x>",
                "a@demo-council.test", "00", 10, "b", null, OffsetDateTime.now(), StoredMessages.State.RECEIVED, 1)));
        when(entries.add(any(), any(), any(), any(), anyString(), any(), anyString())).thenReturn(7L);
        Quarantine quarantine = new Quarantine(entries, storedMessages, mock(CauseFingerprint.class),
                mock(org.springframework.context.ApplicationEventPublisher.class),
                mock(scot.sirgateway.metrics.GatewayMetrics.class));
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, overflow());
        exchange.setProperty(Submission.STORED_MESSAGE_ID, 42L);
        exchange.setProperty(Exchange.FAILURE_ROUTE_ID, "register-notification");

        quarantine.onFailure(exchange);

        assertThat(output.getAll()).contains("stage register kept failing on stored message 42")
                .contains("DataIntegrityViolationException").contains("22001")
                .doesNotContain(VALUE).doesNotContain("Value too long");
        org.mockito.Mockito.verify(storedMessages).markState(anyLong(), any());
    }
}
