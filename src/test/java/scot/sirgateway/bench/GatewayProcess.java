package scot.sirgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway as production runs it, {@code java -jar}, in a process of its own: started, watched
 * until it takes mail, sampled (resident memory from /proc; the heap from its GC log) and stopped.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");
    private static final Pattern GC_BEFORE = Pattern.compile("\\) (\\d+)M->(\\d+)M\\(");

    private final Process process;
    private final long spawnedNanos;
    private final int port;
    private final Path gcLog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile long startedLineNanos;
    private volatile String startedLineSeconds;
    private final AtomicLong peakTreeRss = new AtomicLong();
    private final AtomicLong peakHwm = new AtomicLong(-1);
    private volatile String fatalLine;
    private volatile boolean sampling;
    private Thread sampler;

    private GatewayProcess(Process process, long spawnedNanos, int port, Path gcLog, Path log) {
        this.process = process;
        this.spawnedNanos = spawnedNanos;
        this.port = port;
        this.gcLog = gcLog;
        Thread copier = new Thread(() -> copyLog(log), "gateway-log");
        copier.setDaemon(true);
        copier.start();
    }

    /**
     * Spawns {@code java [jvmArgs] -Xlog:gc... -jar jar [gatewayArgs]} in {@code directory}; its output goes to
     * {@code log}, its GC log next to it.
     */
    static GatewayProcess start(Path jar, List<String> jvmArgs, List<String> gatewayArgs, int port, Path directory,
            Path log) throws IOException {
        Path gcLog = log.resolveSibling(log.getFileName().toString().replace(".log", "") + "-gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(gatewayArgs);
        Files.createDirectories(log.getParent());
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        return new GatewayProcess(process, spawned, port, gcLog, log);
    }

    private void copyLog(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (fatalLine == null && (line.contains("OutOfMemoryError") || line.startsWith("Terminating due to"))) {
                    fatalLine = line.trim();
                }
                if (startedLineNanos == 0) {
                    Matcher started = STARTED.matcher(line);
                    if (started.find()) {
                        startedLineSeconds = started.group(1);
                        startedLineNanos = System.nanoTime();
                    }
                }
            }
        } catch (IOException e) {
            // the process went: its output ends here
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /**
     * Waits until {@code /actuator/health} answers UP and the start line is logged; answers the time from
     * spawn to both, failing if the process dies or the timeout passes.
     */
    Startup awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long healthUp = 0;
        String lastHealth = "no answer";
        while (healthUp == 0 || startedLineNanos == 0) {
            if (!process.isAlive()) {
                throw new BenchmarkFailure("the gateway exited with " + process.exitValue()
                        + " before it was ready (last health: " + lastHealth + "); see its log");
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("the gateway was not ready within " + timeout.toSeconds()
                        + " s (last health: " + lastHealth + "); see its log");
            }
            if (healthUp == 0) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    lastHealth = health.statusCode() + " " + abbreviate(health.body());
                    if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                        healthUp = System.nanoTime();
                    }
                } catch (IOException e) {
                    lastHealth = "not listening";
                }
            }
            Thread.sleep(50);
        }
        return new Startup(Duration.ofNanos(healthUp - spawnedNanos), Duration.ofNanos(startedLineNanos - spawnedNanos),
                startedLineSeconds);
    }

    /** How long start-up took: to health UP, to the start line, and what the line itself says. */
    record Startup(Duration toHealthUp, Duration toStartedLine, String reportedSeconds) {
        Duration ready() {
            return toHealthUp.compareTo(toStartedLine) > 0 ? toHealthUp : toStartedLine;
        }
    }

    /**
     * Samples the resident memory of the gateway and its reader processes every 200 ms, from /proc: nothing is asked
     * of the gateway itself (an authenticated request costs it a password hash, which would load what is measured;
     * its heap comes from its GC log).
     */
    void startSampling() {
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling && process.isAlive()) {
                sampleOnce();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gateway-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    void stopSampling() throws InterruptedException {
        sampling = false;
        if (sampler != null) {
            sampler.join(5_000);
        }
    }

    private void sampleOnce() {
        long hwm = rssKb(process.pid(), "VmHWM");
        if (hwm > 0) {
            peakHwm.accumulateAndGet(hwm * 1024, Math::max);
        }
        long tree = rssKb(process.toHandle().pid(), "VmRSS");
        for (ProcessHandle child : process.toHandle().descendants().toList()) {
            tree += Math.max(0, rssKb(child.pid(), "VmRSS"));
        }
        peakTreeRss.accumulateAndGet(tree * 1024, Math::max);
    }

    /** The largest resident memory of the gateway and its reader processes together, as sampled, in bytes. */
    long peakTreeRss() {
        return peakTreeRss.get();
    }

    /**
     * The gateway JVM's own peak resident memory (VmHWM, kept by the kernel), in bytes: read now, or the last
     * sample's once the process is gone (-1 if neither).
     */
    long peakRss() {
        long kb = rssKb(process.pid(), "VmHWM");
        return Math.max(kb < 0 ? -1 : kb * 1024, peakHwm.get());
    }

    /** The JVM's own last words when it stopped on an error (an OutOfMemoryError), if it printed any. */
    String fatalLine() {
        return fatalLine;
    }

    /** The fullest heap any collection found, in bytes (the GC log's "before" figures; -1 if none ran). */
    long peakHeapFromGcLog() {
        long peakMb = -1;
        try {
            if (!Files.exists(gcLog)) {
                return -1;
            }
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher m = GC_BEFORE.matcher(line);
                if (m.find()) {
                    peakMb = Math.max(peakMb, Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return peakMb < 0 ? -1 : peakMb * 1024 * 1024;
    }

    private static long rssKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    /** Stops the gateway and its reader processes: politely, then by force. */
    @Override
    public void close() {
        sampling = false;
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
