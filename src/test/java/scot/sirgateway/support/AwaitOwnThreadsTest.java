package scot.sirgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@link AwaitOwnThreads} is in force for every test class: another thread dying of an uncaught exception while an
 * await runs (as GreenMail's IDLE thread sometimes does) does not fail the await.
 */
class AwaitOwnThreadsTest {

    @Test
    void anotherThreadsDeathShouldNotFailAnAwait() {
        AtomicInteger polls = new AtomicInteger();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (polls.incrementAndGet() == 1) {
                Thread dying = new Thread(() -> {
                    throw new IllegalStateException("a mail server's own thread dies");
                });
                dying.setUncaughtExceptionHandler(null);
                dying.start();
                dying.join();
                return false;
            }
            return true;
        });
        assertThat(polls.get()).isGreaterThan(1);
    }
}
