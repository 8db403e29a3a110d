package scot.sirgateway.council;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mirrors the registry into the {@code council} tables at start, so reports and the console can join
 * on it. The file is the source of truth: domains and aliases are replaced, councils kept.
 */
@Component
class CouncilTableSync {

    private final CouncilRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;

    CouncilTableSync(CouncilRegistry registry, JdbcClient jdbc, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Transactional
    public void sync() {
        jdbc.sql("DELETE FROM council_domain").update();
        jdbc.sql("DELETE FROM council_alias").update();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Council council : registry.all()) {
            String cswoName = council.cswo() == null ? null : council.cswo().name();
            String cswoEmail = council.cswo() == null ? null : council.cswo().email();
            int updated = jdbc.sql("UPDATE council SET cswo_name = ?, cswo_email = ?, demo = ?, updated_at = ? WHERE name = ?")
                    .params(cswoName, cswoEmail, council.demo(), now, council.name()).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO council (name, cswo_name, cswo_email, demo, updated_at) VALUES (?, ?, ?, ?, ?)")
                        .params(council.name(), cswoName, cswoEmail, council.demo(), now).update();
            }
            long id = jdbc.sql("SELECT id FROM council WHERE name = ?").param(council.name()).query(Long.class).single();
            for (String domain : council.domains()) {
                jdbc.sql("INSERT INTO council_domain (council_id, domain, confirmed) VALUES (?, ?, ?)")
                        .params(id, domain, council.domainsConfirmed()).update();
            }
            for (String alias : council.aliases().stream().distinct().toList()) {
                jdbc.sql("INSERT INTO council_alias (council_id, alias) VALUES (?, ?)").params(id, alias).update();
            }
        }
    }
}
