package scot.sirgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.Lock;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import scot.sirgateway.storage.StorageCipher;
import scot.sirgateway.storage.StorageProperties;
import scot.sirgateway.storage.V5_1__SealPersonalData;

/**
 * The leader's lock on H2 in PostgreSQL mode (the embedded mode's database; {@link TwoNodesFailoverTest} runs it
 * on PostgreSQL): the migrations make the table the lock registry's queries expect, one node holds the lock at
 * a time, the lock table names the holder, and the lock passes on once given up.
 */
class ClusterLockH2Test {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void oneNodeShouldHoldTheLeadersLockAtATimeAndTheTableShouldNameIt() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:cluster-lock;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        StorageCipher cipher = new StorageCipher(new StorageProperties(KEY, "k1", Map.of(), null));
        Flyway.configure().dataSource(dataSource).javaMigrations(new V5_1__SealPersonalData(cipher)).load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);

        Lock nodeA = lock(dataSource, "node-a");
        Lock nodeB = lock(dataSource, "node-b");
        assertThat(ClusterConfiguration.lockHolder(jdbc)).isEmpty();
        assertThat(nodeA.tryLock()).isTrue();
        assertThat(ClusterConfiguration.lockHolder(jdbc)).contains("node-a");
        assertThat(nodeB.tryLock()).as("held by node-a").isFalse();
        // the holder renews it (the initiator's heartbeat)
        assertThat(nodeA.tryLock()).isTrue();
        nodeA.unlock();
        nodeA.unlock();
        assertThat(ClusterConfiguration.lockHolder(jdbc)).isEmpty();
        assertThat(nodeB.tryLock()).isTrue();
        assertThat(ClusterConfiguration.lockHolder(jdbc)).contains("node-b");
        nodeB.unlock();
    }

    private static Lock lock(JdbcDataSource dataSource, String nodeId) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource, nodeId);
        repository.setTimeToLive((int) Duration.ofSeconds(5).toMillis());
        repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
        repository.afterPropertiesSet();
        repository.afterSingletonsInstantiated();
        return new JdbcLockRegistry(repository, Duration.ofSeconds(5)).obtain(NodeLeadership.ROLE);
    }
}
