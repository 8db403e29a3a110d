package scot.sirgateway.intake;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes mail as it arrives: holds one connection on the intake folder in IMAP IDLE and, whenever the server
 * says the folder changed, runs the same take as the {@code intake-mail} timer ({@link MailPoller#poll}) at
 * once. Takes are coalesced (one runs, at most one more waits) and never overlap the timer's. When the
 * server drops the connection the watcher connects again with a back-off doubling up to a minute; a server
 * without the IDLE capability leaves intake to the timer alone, as does {@code gateway.mail.intake.idle}
 * false. The timer stays in every case: it is the net for whatever the watcher misses.
 *
 * <p>The connection follows the {@code intake-mail} route ({@link IntakeRouteEvents}): it is opened only while
 * the route runs and closed as soon as the route stops (an operator stopped it, or this node is not, or no
 * longer, the leader of two: {@code gateway.cluster.enabled}), so that only the node taking mail watches the
 * mailbox.
 */
@Component
public class IdleWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdleWatcher.class);

    /** The route whose running the connection follows. */
    static final String ROUTE = "intake-mail";
    /** While the route is stopped its status is looked at this often too, in case a route event was missed. */
    private static final Duration ROUTE_RECHECK = Duration.ofSeconds(5);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);
    /**
     * A quiet IDLE connection is read with this timeout and then opened anew (RFC 2177 asks a client to
     * re-issue IDLE within 29 minutes; a connection that died silently is noticed by then).
     */
    private static final int IDLE_READ_TIMEOUT_MS = (int) Duration.ofMinutes(5).toMillis();

    private final IntakeProperties properties;
    private final MailPoller mailPoller;
    private final Session session;
    /**
     * Looked up when needed: a lifecycle bean that depends on the Camel context directly would have Spring
     * start that context before its routes are loaded.
     */
    private final ObjectProvider<CamelContext> routes;
    /** One take running and at most one more waiting: requests in between are the same take. */
    private final ThreadPoolExecutor takes = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), work -> {
                Thread thread = new Thread(work, "intake-idle-take");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    private volatile boolean running;
    private volatile Thread watcher;
    private volatile Store store;
    /** Whether the {@code intake-mail} route runs, as its events said. */
    private volatile boolean intakeRunning;
    private final Object intakeChange = new Object();

    public IdleWatcher(IntakeProperties properties, MailPoller mailPoller, Properties intakeMailProperties,
            ObjectProvider<CamelContext> routes) {
        this.properties = properties;
        this.routes = routes;
        this.mailPoller = mailPoller;
        Properties idle = new Properties();
        idle.putAll(intakeMailProperties);
        for (String protocol : new String[] {"imap", "imaps"}) {
            idle.put("mail." + protocol + ".timeout", String.valueOf(IDLE_READ_TIMEOUT_MS));
        }
        this.session = Session.getInstance(idle);
    }

    @Override
    public void start() {
        if (!properties.enabled() || !properties.idle()) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::watch, "intake-idle");
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = watcher;
        closeQuietly(store);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        takes.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The {@code intake-mail} route started: the watcher connects. */
    void intakeStarted() {
        synchronized (intakeChange) {
            intakeRunning = true;
            intakeChange.notifyAll();
        }
    }

    /** The {@code intake-mail} route stopped: the watcher's connection is closed, and stays so until it starts. */
    void intakeStopped() {
        intakeRunning = false;
        // after the flag: a connection opened from now on sees it before it goes into IDLE
        closeQuietly(store);
    }

    /** Waits until the {@code intake-mail} route runs; false when the watcher stops first. */
    private boolean awaitIntake() {
        synchronized (intakeChange) {
            while (running) {
                if (intakeRunning || intakeRouteStarted()) {
                    intakeRunning = true;
                    return true;
                }
                try {
                    intakeChange.wait(ROUTE_RECHECK.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    private boolean intakeRouteStarted() {
        CamelContext camel = routes.getIfAvailable();
        ServiceStatus intake = camel == null ? null : camel.getRouteController().getRouteStatus(ROUTE);
        return intake != null && intake.isStarted();
    }

    /** Whether a connection is in IDLE on the intake folder now (or about to return to it). */
    public boolean watching() {
        Store open = store;
        return running && open != null && open.isConnected();
    }

    /**
     * Asks for a take; coalesced with one already waiting. Only while the {@code intake-mail} route runs: an
     * intake stopped (by an operator, or on a gateway that is not the one reading the mailbox) stays stopped.
     */
    void requestTake() {
        if (!intakeRouteStarted()) {
            return;
        }
        takes.execute(() -> {
            try {
                mailPoller.poll();
            } catch (MessagingException | RuntimeException failed) {
                // the timer tries again; its class only (a message may quote it)
                log.warn("take on new mail failed ({}); the intake-mail timer tries again", failed.getClass().getName());
            }
        });
    }

    private void watch() {
        Duration retry = FIRST_RETRY;
        while (running) {
            if (!awaitIntake()) {
                break;
            }
            boolean connected = false;
            try {
                Store opened = session.getStore(properties.protocol());
                store = opened;
                if (!intakeRunning) {
                    continue;
                }
                opened.connect(properties.host(), properties.port(), properties.username(), properties.password());
                if (!(opened instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
                    log.info("the intake mail server does not offer IDLE: mail is taken every {} (intake-mail timer)",
                            properties.pollDelay());
                    closeQuietly(opened);
                    running = false;
                    return;
                }
                IMAPFolder folder = (IMAPFolder) opened.getFolder(properties.folder());
                folder.open(Folder.READ_ONLY);
                connected = true;
                if (!intakeRunning) {
                    // the route stopped while this connection opened
                    continue;
                }
                retry = FIRST_RETRY;
                log.info("watching the intake folder for new mail (IMAP IDLE)");
                // what arrived while no connection watched
                requestTake();
                while (running && intakeRunning && folder.isOpen()) {
                    folder.idle(true);
                    if (running && intakeRunning) {
                        requestTake();
                    }
                }
            } catch (MessagingException | RuntimeException dropped) {
                if (!running) {
                    break;
                }
                if (!intakeRunning) {
                    log.debug("the intake-mail route stopped: the IDLE connection is closed");
                } else if (connected) {
                    log.debug("the IDLE connection ended ({}); connecting again", dropped.getClass().getName());
                } else {
                    log.warn("cannot watch the intake folder ({}); trying again in {} s", dropped.getClass().getName(),
                            retry.toSeconds());
                }
            } finally {
                closeQuietly(store);
            }
            if (!connected && running && intakeRunning) {
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException e) {
                    break;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private static void closeQuietly(Store store) {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException | RuntimeException ignored) {
                // closing a dead connection: nothing to keep
            }
        }
    }
}
