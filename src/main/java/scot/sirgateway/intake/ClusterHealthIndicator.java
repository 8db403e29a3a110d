package scot.sirgateway.intake;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code cluster}: UP on every node, leader or follower (a follower is healthy: it serves the
 * console, the API and the web form). Its details, shown to operators: whether this node {@code leads}, its
 * {@code node} id, and the {@code leader}'s node id as the lock table says ({@code none} while no node holds the
 * lock, for at most one lease after a leader died). With {@code gateway.cluster.enabled} false the only node
 * always leads.
 */
@Component("clusterHealthIndicator")
class ClusterHealthIndicator implements HealthIndicator {

    private final ClusterProperties cluster;
    private final NodeLeadership leadership;

    ClusterHealthIndicator(ClusterProperties cluster, NodeLeadership leadership) {
        this.cluster = cluster;
        this.leadership = leadership;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("enabled", cluster.enabled()).withDetail("leads", leadership.leading())
                .withDetail("node", leadership.nodeId())
                .withDetail("leader", leadership.leaderNodeId().orElse("none")).build();
    }
}
