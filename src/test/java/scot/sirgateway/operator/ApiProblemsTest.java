package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockHttpServletRequest;

/** An unexpected error of the API is answered 500 and logged by class and SQL state, never by its message. */
@ExtendWith(OutputCaptureExtension.class)
class ApiProblemsTest {

    @Test
    void unexpectedErrorShouldBeLoggedWithoutItsMessage(CapturedOutput output) {
        SQLException sql = new SQLException("Value too long for column: 'Head of Quoted Marker'", "22001");
        var problem = new ApiProblems().unexpected(new DataIntegrityViolationException("SQL [UPDATE ...]; " + sql.getMessage(), sql),
                new MockHttpServletRequest("POST", "/api/notifications/SIR-2026-0001/release"));

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).doesNotContain("Quoted Marker");
        assertThat(output.getAll()).contains("POST /api/notifications/SIR-2026-0001/release failed")
                .contains("DataIntegrityViolationException").contains("22001").doesNotContain("Quoted Marker");
    }
}
