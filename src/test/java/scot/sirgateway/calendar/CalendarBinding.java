package scot.sirgateway.calendar;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds {@code gateway.calendar.*} the way the running gateway does (Spring's {@link Binder} with
 * its shared conversion service), so tests see the defaults of {@link CalendarProperties} rather
 * than a copy of them.
 */
final class CalendarBinding {

    private CalendarBinding() {
    }

    static CalendarProperties properties(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.calendar", CalendarProperties.class);
    }

    static CalendarProperties defaults() {
        return properties(Map.of());
    }

    static WorkingCalendar calendar(Map<String, String> properties) {
        return new WorkingCalendar(properties(properties));
    }

    static WorkingCalendar defaultCalendar() {
        return new WorkingCalendar(defaults());
    }
}
