package scot.sirgateway.intake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.cluster.*}: two or more gateway nodes on one database ({@link NodeLeadership}). {@code enabled}
 * false (the default): this gateway is the only node and always leads, as a gateway on its own always did.
 * {@code node-id} names this node in the lock table and in health (at most 36 characters; by default the host
 * name and a random suffix, new at each start). {@code lease}: how long the leader's lock lasts unless renewed;
 * the leader renews it every third of it, and a node that died leaves the leadership to another after it.
 */
@Validated
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(
        @DefaultValue("false") boolean enabled,
        @Size(max = 36) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "letters, digits, '.', '_' and '-' only")
        String nodeId,
        @DefaultValue("30s") Duration lease) {

    public ClusterProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = defaultNodeId();
        }
        if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("gateway.cluster.lease must be at least 1s");
        }
    }

    /** The leader renews its lock this often (a third of the lease), and a follower tries to take it as often. */
    public Duration heartbeat() {
        return lease.dividedBy(3);
    }

    /**
     * The host name (cut to 27 characters) and 8 random hex digits: readable in health, and never the id of a
     * node still alive on the same host, nor of the node that ran before a restart.
     */
    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "");
        } catch (UnknownHostException e) {
            host = "";
        }
        if (host.isEmpty()) {
            host = "node";
        }
        return host.substring(0, Math.min(27, host.length())) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
