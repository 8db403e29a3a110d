package scot.sirgateway.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Commits that are on disk before the gateway acts on them (moves the IMAP copy, gives out a
 * reference). PostgreSQL is durable at commit ({@code synchronous_commit} on, its default). H2's
 * store writes committed data in the background, every {@code WRITE_DELAY} ms (500 by default): a
 * crash in that window loses what was committed. So on an H2 database in files the gateway adds
 * {@code WRITE_DELAY=0} to the JDBC URL (every commit is written to the file before it returns, which
 * a killed process cannot lose), and {@link #sync} runs {@code CHECKPOINT SYNC} (written and forced to
 * the disk, which a power cut cannot lose either) before intake moves a message. Costs: one write of
 * H2's store per commit, and one fsync per message taken in.
 */
@Configuration(proxyBeanMethods = false)
public class DurableCommits {

    private final JdbcClient jdbc;
    private final boolean h2Files;

    public DurableCommits(JdbcClient jdbc, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        try (Connection connection = dataSource.getConnection()) {
            this.h2Files = isH2Files(connection.getMetaData().getURL());
        }
    }

    /** Forces everything committed so far to the disk (H2 in files; PostgreSQL already is). */
    public void sync() {
        if (h2Files) {
            jdbc.sql("CHECKPOINT SYNC").update();
        }
    }

    /** {@code WRITE_DELAY=0} on an H2 database in files, unless the URL sets a delay itself. */
    @Bean
    static BeanPostProcessor h2CommitsWrittenAtOnce() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DataSourceProperties properties && isH2Files(properties.getUrl())
                        && !properties.getUrl().toUpperCase(Locale.ROOT).contains("WRITE_DELAY=")) {
                    properties.setUrl(properties.getUrl() + ";WRITE_DELAY=0");
                }
                return bean;
            }
        };
    }

    static boolean isH2Files(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:");
    }
}
