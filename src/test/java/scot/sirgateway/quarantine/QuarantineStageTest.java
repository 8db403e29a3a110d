package scot.sirgateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuarantineStageTest {

    @Test
    void stageShouldBeTheFirstWordOfTheRouteId() {
        assertThat(Quarantine.stageOf("unwrap-sender")).isEqualTo("unwrap");
        assertThat(Quarantine.stageOf("register-notification")).isEqualTo("register");
        assertThat(Quarantine.stageOf("thread-match")).isEqualTo("thread");
        assertThat(Quarantine.stageOf("review-mail")).isEqualTo("review");
        assertThat(Quarantine.stageOf(null)).isEqualTo("intake");
    }
}
