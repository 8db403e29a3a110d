package scot.sirgateway.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's leadership, as Camel's cluster service: the leader-only routes run under a
 * {@code ClusteredRoutePolicy} on this service's view ({@link ClusterConfiguration#leaderOnly}), which starts
 * them when the node is {@link #granted} leadership and stops them when it is {@link #revoked}. Who leads is
 * decided outside Camel, by Spring Integration's {@code LockRegistryLeaderInitiator} on a lock in the database
 * ({@code int_lock}); with {@code gateway.cluster.enabled} false this node is the only one and leads from the
 * start. The leader's node id, when another node leads, is read from the lock table.
 */
public class NodeLeadership extends AbstractCamelClusterService<NodeLeadership.LeadershipView> {

    private static final Logger log = LoggerFactory.getLogger(NodeLeadership.class);

    /** The namespace of the leader-only routes' view, and the role whose lock makes the leader. */
    public static final String ROLE = "sir-gateway";

    private final String nodeId;
    private final Supplier<Optional<String>> lockHolder;
    private final List<LeadershipView> views = new CopyOnWriteArrayList<>();
    private volatile boolean leader;
    /**
     * Whether the Camel context has fully started: before, the route policies are not ready to start a route,
     * and a change told to them would be lost (they start their routes on a change only).
     */
    private volatile boolean camelStarted;
    /** Held while the route policies are told of a change. */
    private final ReentrantLock telling = new ReentrantLock();
    /** The longest the Camel context's stop waits for a change being told to its routes. */
    private static final Duration TELLING_BOUND = Duration.ofSeconds(30);

    /**
     * @param nodeId     this node's id
     * @param leader     whether it leads from the start (the only node)
     * @param lockHolder the node id holding the leader's lock now, if any
     */
    public NodeLeadership(String nodeId, boolean leader, Supplier<Optional<String>> lockHolder) {
        super("sir-gateway-leadership");
        this.nodeId = nodeId;
        this.leader = leader;
        this.lockHolder = lockHolder;
    }

    public String nodeId() {
        return nodeId;
    }

    /** Whether this node leads now. */
    public boolean leading() {
        return leader;
    }

    /** The node that leads now: this one, or the holder of the lock (none while the lock is free). */
    public Optional<String> leaderNodeId() {
        return leader ? Optional.of(nodeId) : lockHolder.get();
    }

    /** This node became the leader: the leader-only routes start. */
    public void granted() {
        log.info("this node ({}) leads: the mailbox, the timers and the reminders run here", nodeId);
        leader = true;
        tellRoutes();
    }

    /** This node is no longer the leader (it lost or gave up the lock): the leader-only routes stop. */
    public void revoked() {
        log.info("this node ({}) no longer leads: its leader-only routes stop", nodeId);
        leader = false;
        tellRoutes();
    }

    /** The Camel context has fully started: the route policies learn who leads, and follow every change from now. */
    public void camelStarted() {
        camelStarted = true;
        tellRoutes();
    }

    /**
     * The Camel context begins to stop (before its routes shut down): no change is told to the route policies
     * from now. A change being told is let finish first (bounded by {@link #TELLING_BOUND}): as the node stops,
     * the lock initiator revokes the leadership on its own thread, and its policies stopping their routes while
     * Camel shuts the same routes down would wait for each other for ever.
     */
    public void camelStopping() {
        boolean told = false;
        try {
            told = telling.tryLock(TELLING_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        camelStarted = false;
        if (told) {
            telling.unlock();
        } else {
            log.warn("the leader-only routes were still being told of a leadership change as the node stopped");
        }
    }

    private void tellRoutes() {
        telling.lock();
        try {
            if (camelStarted) {
                views.forEach(LeadershipView::leadershipChanged);
            }
        } finally {
            telling.unlock();
        }
    }

    @Override
    protected LeadershipView createView(String namespace) {
        LeadershipView view = new LeadershipView(namespace);
        views.add(view);
        return view;
    }

    /** The view the clustered route policies follow: this node, and the leader as the lock table says. */
    final class LeadershipView extends AbstractCamelClusterView {

        private final Member local = new Member(nodeId, true);
        private final List<CamelClusterEventListener> listeners = new CopyOnWriteArrayList<>();

        LeadershipView(String namespace) {
            super(NodeLeadership.this, namespace);
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return leaderNodeId().map(id -> id.equals(nodeId) ? local : new Member(id, false));
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            List<CamelClusterMember> members = new ArrayList<>(List.of(local));
            getLeader().filter(m -> !m.isLocal()).ifPresent(members::add);
            return members;
        }

        /**
         * Tells the route policies, each in turn, without holding the view's lock: a policy takes its own lock
         * and then the view's when it detaches as its route shuts down, while the lock initiator may be telling
         * it that leadership was revoked (on the initiator's thread, as the node stops). Told under the view's
         * lock, as {@code fireLeadershipChangedEvent} does, the two would wait for each other for ever.
         */
        void leadershipChanged() {
            Optional<CamelClusterMember> current = getLeader();
            for (CamelClusterEventListener listener : listeners) {
                if (listener instanceof CamelClusterEventListener.Leadership leadership) {
                    try {
                        leadership.leadershipChanged(this, current.orElse(null));
                    } catch (RuntimeException failed) {
                        log.warn("a leader-only route did not follow the leadership ({})", failed.getClass().getName());
                    }
                }
            }
        }

        @Override
        public void addEventListener(CamelClusterEventListener listener) {
            super.addEventListener(listener);
            listeners.add(listener);
        }

        @Override
        public void removeEventListener(CamelClusterEventListener listener) {
            listeners.remove(listener);
            super.removeEventListener(listener);
        }

        @Override
        protected void doStart() {
            // nothing to open: leadership comes from the lock initiator
        }

        @Override
        protected void doStop() {
            // nothing to close
        }
    }

    /** A node as Camel's cluster view names it. */
    private final class Member implements CamelClusterMember {

        private final String id;
        private final boolean local;

        Member(String id, boolean local) {
            this.id = id;
            this.local = local;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public boolean isLocal() {
            return local;
        }

        @Override
        public boolean isLeader() {
            return local ? leader : !leader && lockHolder.get().map(id::equals).orElse(false);
        }
    }
}
