package scot.sirgateway;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the whole gateway, in the time zone every deadline is counted in. */
@Configuration(proxyBeanMethods = false)
public class GatewayClock {

    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
