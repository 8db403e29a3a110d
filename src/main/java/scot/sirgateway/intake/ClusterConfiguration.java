package scot.sirgateway.intake;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.AbstractCandidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Leadership among the gateway's nodes, on existing mechanisms: Spring Integration's
 * {@code LockRegistryLeaderInitiator} holds a {@code JdbcLockRegistry} lock (table {@code int_lock}, client id
 * the node id, time to live {@code gateway.cluster.lease}, renewed every third of it) and tells
 * {@link NodeLeadership}, Camel's cluster service, when leadership is granted or revoked. The routes that must
 * run on one node only name {@code routePolicyRef: leaderOnly} in their route file: each gets a
 * {@link ClusteredRoutePolicy} on that service, which starts the route on the leader and stops it elsewhere.
 * With {@code gateway.cluster.enabled} false there is no lock and {@code leaderOnly} changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    /** The lock repository's region: the library's default. */
    private static final String LOCK_REGION = "DEFAULT";

    @Bean
    NodeLeadership nodeLeadership(ClusterProperties cluster, JdbcClient jdbc) {
        return new NodeLeadership(cluster.nodeId(), !cluster.enabled(),
                () -> cluster.enabled() ? lockHolder(jdbc) : Optional.empty());
    }

    /**
     * The node id holding the leader's lock now, as the lock table says (none when it is free or its lease ran
     * out): the key is the role as the lock registry turns it into a key, the time the registry's own (UTC).
     */
    static Optional<String> lockHolder(JdbcClient jdbc) {
        return jdbc.sql("SELECT client_id FROM int_lock WHERE region = ? AND lock_key = ? AND expired_after >= ?")
                .params(LOCK_REGION, UUIDConverter.getUUID(NodeLeadership.ROLE).toString(),
                        LocalDateTime.now(ZoneOffset.UTC))
                .query(String.class).optional().map(String::trim);
    }

    /** Camel's cluster service is the node's leadership: registered in the Camel context, started with it. */
    @Bean
    CamelContextConfiguration clusterServiceInCamel(ClusterProperties cluster, NodeLeadership leadership) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                if (cluster.enabled()) {
                    camelContext.getManagementStrategy().addEventNotifier(camelStopping(leadership));
                    try {
                        camelContext.addService(leadership);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot register the cluster service", e);
                    }
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                if (cluster.enabled()) {
                    leadership.camelStarted();
                }
            }
        };
    }

    /** Tells the leadership when the Camel context begins to stop ({@link NodeLeadership#camelStopping}). */
    private static EventNotifierSupport camelStopping(NodeLeadership leadership) {
        EventNotifierSupport stopping = new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event.getType() == CamelEvent.Type.CamelContextStopping;
            }

            @Override
            public void notify(CamelEvent event) {
                leadership.camelStopping();
            }
        };
        stopping.setIgnoreExchangeEvents(true);
        stopping.setIgnoreRouteEvents(true);
        stopping.setIgnoreServiceEvents(true);
        stopping.setIgnoreStepEvents(true);
        return stopping;
    }

    /**
     * The policy of a leader-only route ({@code routePolicyRef: leaderOnly}): a new one for each route, as Camel's
     * {@code ClusteredRoutePolicyFactory} makes them. A route whose {@code autoStartup} is false (the intake with
     * {@code gateway.mail.intake.enabled} false) is left stopped by it, leader or not.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    RoutePolicy leaderOnly(ClusterProperties cluster, NodeLeadership leadership, ObjectProvider<CamelContext> camel)
            throws Exception {
        if (!cluster.enabled()) {
            return new RoutePolicySupport() {
            };
        }
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(leadership, NodeLeadership.ROLE);
        policy.setCamelContext(camel.getObject());
        return policy;
    }

    /** The lock and the initiator that holds it: only with {@code gateway.cluster.enabled}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "gateway.cluster", name = "enabled", havingValue = "true")
    static class LockLeadership {

        @Bean
        DefaultLockRepository clusterLockRepository(DataSource dataSource, ClusterProperties cluster,
                PlatformTransactionManager transactions) {
            DefaultLockRepository repository = new DefaultLockRepository(dataSource, cluster.nodeId());
            repository.setTimeToLive((int) cluster.lease().toMillis());
            repository.setTransactionManager(transactions);
            return repository;
        }

        @Bean
        JdbcLockRegistry clusterLockRegistry(DefaultLockRepository clusterLockRepository, ClusterProperties cluster) {
            return new JdbcLockRegistry(clusterLockRepository, cluster.lease());
        }

        @Bean
        LockRegistryLeaderInitiator clusterLeaderInitiator(JdbcLockRegistry clusterLockRegistry,
                ClusterProperties cluster, NodeLeadership leadership) {
            LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(clusterLockRegistry,
                    new AbstractCandidate(cluster.nodeId(), NodeLeadership.ROLE) {
                        @Override
                        public void onGranted(Context context) {
                            leadership.granted();
                        }

                        @Override
                        public void onRevoked(Context context) {
                            leadership.revoked();
                        }
                    });
            initiator.setHeartBeatMillis(cluster.heartbeat().toMillis());
            initiator.setBusyWaitMillis(Math.min(1000, cluster.heartbeat().toMillis() / 4));
            return initiator;
        }
    }
}
