package scot.sirgateway.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Test only: with {@code gateway.test.intake-pause-at=<MOMENT>}, intake stops for good the first time
 * it reaches that moment, after writing the moment's name to {@code gateway.test.intake-pause-marker},
 * so that {@link IntakeKillTest} kills the gateway exactly there. Absent from the application itself.
 */
@Component
@ConditionalOnProperty("gateway.test.intake-pause-at")
class PauseAtIntakeMoment implements IntakeMoments {

    private final Moment at;
    private final Path marker;

    PauseAtIntakeMoment(@Value("${gateway.test.intake-pause-at}") Moment at,
            @Value("${gateway.test.intake-pause-marker}") Path marker) {
        this.at = at;
        this.marker = marker;
    }

    @Override
    public void reached(Moment moment) {
        if (moment != at) {
            return;
        }
        try {
            Files.writeString(marker, moment.name());
            while (true) {
                Thread.sleep(60_000); // until the test kills the process
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("paused intake interrupted", e);
        }
    }
}
