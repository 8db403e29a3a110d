package scot.sirgateway.intake;

import java.time.Duration;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.processing.*}: how stored messages go through the stages. {@code workers} messages run at
 * once, each on one worker from its first stage to its last (0, the default, means one per processor core);
 * a worker claims its message in the database for {@code claim}, renewed every third of it while the stages
 * run (a crashed worker's message is taken again when the claim runs out); {@code poll-delay} is the period of the {@code intake-waiting} timer, the net that
 * picks up what a crash or a quarantine release left waiting.
 */
@Validated
@ConfigurationProperties("gateway.processing")
public record ProcessingProperties(
        @DefaultValue("2s") Duration pollDelay,
        @PositiveOrZero @DefaultValue("0") int workers,
        @DefaultValue("30s") Duration claim) {

    /** The number of workers: {@code workers}, or the processor count when it is 0. */
    public int workerCount() {
        return workers > 0 ? workers : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
