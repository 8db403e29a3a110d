package scot.sirgateway.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import scot.sirgateway.storage.StoredMessages;

/**
 * Runs stored messages through the stages ({@code direct:intake-parse}, {@code routes/intake.camel.yaml}) on
 * {@code gateway.processing.workers} threads: messages in parallel, each message's stages in order on one
 * worker. Fed by intake right after a message's commit is durable, and by the {@code intake-waiting} timer
 * with whatever still waits (a crash, a quarantine release, a hand-off that did not happen).
 *
 * <p>A worker first claims its message in the database ({@link StoredMessages#claim}); only the one claim
 * that wins runs the stages, so a message offered twice (by the hand-off and the timer, or by two
 * gateways) goes through once. An id already waiting for a worker is not queued again. The claim is short
 * ({@code gateway.processing.claim}) and renewed every third of it while the stages run: a message whose
 * worker died (a crash, a kill) is taken again soon after the restart, while one that runs long is never
 * taken by a second worker.
 */
@Component("intakeStages")
public class IntakeStages implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IntakeStages.class);

    private final StoredMessages storedMessages;
    private final ProducerTemplate stages;
    private final ProcessingProperties properties;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    /** Ids offered and not yet picked up by a worker. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    /** Messages in the stages now, with the time their claim runs to. */
    private final Map<Long, OffsetDateTime> claimed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "intake-stages-claims");
        thread.setDaemon(true);
        return thread;
    });

    public IntakeStages(StoredMessages storedMessages, ProducerTemplate stages, ProcessingProperties properties,
            Clock clock) {
        this.storedMessages = storedMessages;
        this.stages = stages;
        this.properties = properties;
        this.clock = clock;
        int count = properties.workerCount();
        AtomicInteger number = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                work -> {
                    Thread thread = new Thread(work, "intake-stages-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        long every = Math.max(1, properties.claim().toMillis() / 3);
        renewals.scheduleWithFixedDelay(this::renewClaims, every, every, TimeUnit.MILLISECONDS);
    }

    /** Queues a stored message for the next free worker, unless it already waits for one. */
    public void offer(long id) {
        if (!queued.add(id)) {
            return;
        }
        try {
            workers.execute(() -> run(id));
        } catch (RejectedExecutionException shuttingDown) {
            // the gateway is stopping: the message stays waiting, the timer takes it after the restart
            queued.remove(id);
        }
    }

    /** Queues every message of the list ({@code intake-waiting}'s batch). */
    public void offerAll(List<Long> ids) {
        ids.forEach(this::offer);
    }

    /** How many workers run messages at once. */
    public int workerCount() {
        return workers.getMaximumPoolSize();
    }

    private OffsetDateTime claimEnd() {
        return OffsetDateTime.now(clock).plus(properties.claim()).truncatedTo(ChronoUnit.MILLIS);
    }

    private void run(long id) {
        queued.remove(id);
        OffsetDateTime until = claimEnd();
        try {
            if (!storedMessages.claim(id, until)) {
                return;
            }
            claimed.put(id, until);
            try {
                stages.sendBody("direct:intake-parse", id);
            } finally {
                // no renewal after this (one under way ends first: same map entry); then the claim goes
                storedMessages.releaseClaim(id, claimed.remove(id));
            }
        } catch (RuntimeException failed) {
            // the stages' own error policy has quarantined or retried what it could; this is the database or
            // the gateway stopping: the message waits for the timer (its class only: a message may quote it)
            log.warn("stored message {} not run through the stages now ({}); the timer takes it again", id,
                    failed.getClass().getName());
        }
    }

    /** Extends the claim of every message in the stages (each under its own map entry's lock). */
    private void renewClaims() {
        for (Long id : claimed.keySet()) {
            try {
                claimed.computeIfPresent(id, (key, until) -> {
                    OffsetDateTime renewed = claimEnd();
                    return storedMessages.renewClaim(key, until, renewed) ? renewed : until;
                });
            } catch (RuntimeException failed) {
                log.warn("the claim on stored message {} was not renewed ({})", id, failed.getClass().getName());
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        renewals.shutdownNow();
        // what waits for a worker stays waiting in the database; what runs is let finish (its claim runs out if not)
        workers.getQueue().clear();
        workers.shutdown();
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
