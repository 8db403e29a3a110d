package scot.sirgateway.deadline;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.alerts.*}: who is mailed deadline alerts (they are always on the API too), how many
 * working hours before the forward's due time the alert goes, and how often the clocks are checked.
 */
@ConfigurationProperties("gateway.alerts")
public record AlertProperties(@DefaultValue List<String> recipients, @DefaultValue("4h") Duration forwardWarning,
        @DefaultValue("60s") Duration pollDelay) {
}
