package scot.sirgateway.extract;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scot.sirgateway.extract.WorkerProtocol.Reply;
import scot.sirgateway.extract.WorkerProtocol.Request;

/**
 * The {@link DocumentWorker} processes that read documents, at most {@code gateway.extract.workers} at
 * once. A worker lives on from document to document; one that passes the timeout is killed (a parser
 * in a loop does not stop when asked) and one that dies (out of memory) is not reused, so that neither
 * takes capacity from the next document: the next one gets a fresh process. Workers start when first
 * needed, outside the document's timeout.
 */
final class DocumentWorkers {

    private static final Logger log = LoggerFactory.getLogger(DocumentWorkers.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    /** Why a document's reading ended without an answer. */
    enum Stop { TIMEOUT, DIED }

    static final class Stopped extends Exception {
        private final Stop stop;

        Stopped(Stop stop) {
            super(stop.name(), null, false, false);
            this.stop = stop;
        }

        Stop stop() {
            return stop;
        }
    }

    private final ExtractProperties limits;
    private final ScratchDirectory scratch;
    private final Semaphore capacity;
    private final BlockingDeque<Worker> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger replacing = new AtomicInteger();
    private final ExecutorService exchanges = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "document-worker");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopped;

    DocumentWorkers(ExtractProperties limits) {
        this.limits = limits;
        this.scratch = new ScratchDirectory(limits.scratchDir());
        this.capacity = new Semaphore(limits.workers());
    }

    /** Sends the request to a worker and waits for its reply, at most the document timeout. */
    Reply read(Request request) throws Stopped {
        try {
            capacity.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a document reader", e);
        }
        Worker worker = null;
        try {
            worker = idle.poll();
            while (worker == null && replacing.get() > 0) {
                // one killed a moment ago is being replaced: wait for it rather than start another beside it
                worker = idle.poll(100, TimeUnit.MILLISECONDS);
            }
            if (worker == null || !worker.process.isAlive()) {
                if (worker != null) {
                    worker.kill();
                }
                worker = start();
            }
            Worker chosen = worker;
            Future<Reply> reply = exchanges.submit(() -> chosen.exchange(request, maxReplyChars()));
            try {
                Reply answer = reply.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
                ScratchDirectory.empty(worker.scratch);
                idle.push(worker);
                worker = null;
                return answer;
            } catch (TimeoutException e) {
                reply.cancel(true);
                throw new Stopped(Stop.TIMEOUT);
            } catch (ExecutionException e) {
                throw new Stopped(Stop.DIED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a document was read", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a document reader", e);
        } finally {
            if (worker != null) {
                worker.kill();
                replace();
            }
            capacity.release();
        }
    }

    /** Starts a worker in the background for the one just killed, so that the next document need not wait. */
    private void replace() {
        if (stopped) {
            return;
        }
        replacing.incrementAndGet();
        try {
            exchanges.execute(() -> {
                try {
                    Worker fresh = start();
                    if (stopped || idle.size() >= limits.workers()) {
                        fresh.kill();
                    } else {
                        idle.push(fresh);
                    }
                } catch (RuntimeException e) {
                    // start() said why; the next document starts one itself
                } finally {
                    replacing.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopping) {
            replacing.decrementAndGet();
        }
    }

    void stop() {
        stopped = true;
        exchanges.shutdownNow();
        for (Worker worker; (worker = idle.poll()) != null;) {
            worker.kill();
        }
    }

    private int maxReplyChars() {
        // PDF text has a line or a space between words beyond the characters counted against the limit
        return 2 * limits.maxTextChars() + 100_000;
    }

    private Worker start() {
        if (stopped) {
            throw new IllegalStateException("the gateway is stopping");
        }
        Path directory = scratch.newDirectory();
        Process process;
        try {
            process = new ProcessBuilder(command(directory))
                    .redirectError(ProcessBuilder.Redirect.DISCARD) // a parser's messages may quote the document
                    .start();
        } catch (IOException e) {
            ScratchDirectory.delete(directory);
            throw new IllegalStateException("The document reader process cannot be started: " + e.getClass().getSimpleName(), e);
        }
        Worker worker = new Worker(process, directory);
        try {
            Future<Integer> ready = exchanges.submit(() -> worker.in.readInt());
            if (ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) != WorkerProtocol.READY) {
                throw new IOException("not a document worker");
            }
            return worker;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            worker.kill();
            log.error("The document reader process did not start ({})", e.getClass().getSimpleName());
            throw new IllegalStateException("The document reader process did not start", e);
        }
    }

    /**
     * {@code java -Xmx<worker-heap> -XX:+ExitOnOutOfMemoryError ... -cp <class path> DocumentWorker}: the
     * gateway's own class path, whether it lists directories and jars (tests, {@code mvn spring-boot:run}),
     * is a jar whose manifest lists them (Surefire's booter), or is the packaged jar, whose classes only
     * Spring Boot's launcher can load.
     */
    List<String> command(Path directory) {
        return command(directory, System.getProperty("java.class.path"));
    }

    List<String> command(Path directory, String classPath) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + limits.workerHeap().toMegabytes() + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+DisplayVMOutputToStderr",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", // a quick start counts more than top speed on documents of a few pages
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + directory,
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider"));
        command.add("-cp");
        command.add(classPath);
        if (isSpringBootJar(classPath)) {
            command.add("-Dloader.main=" + DocumentWorker.class.getName());
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(DocumentWorker.class.getName());
        }
        command.addAll(List.of(String.valueOf(limits.maxDocumentBytes()), String.valueOf(limits.maxTextChars()),
                String.valueOf(limits.maxCompressionRatio()), String.valueOf(limits.maxXmlDepth()),
                String.valueOf(limits.maxPackageDepth())));
        return command;
    }

    static boolean isSpringBootJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar") || !Files.isRegularFile(Path.of(classPath))) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static final class Worker {
        final Process process;
        final Path scratch;
        final DataOutputStream out;
        final DataInputStream in;

        Worker(Process process, Path scratch) {
            this.process = process;
            this.scratch = scratch;
            this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        }

        Reply exchange(Request request, int maxChars) throws IOException {
            request.write(out);
            return Reply.read(in, request.op(), maxChars);
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ScratchDirectory.delete(scratch);
        }
    }
}
