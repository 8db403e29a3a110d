package scot.sirgateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick: OpenSSL's command line decrypting and then verifying each message, one message after
 * another, a process for each step, as a script around {@code openssl cms} would.
 */
final class OpensslBaseline {

    private OpensslBaseline() {
    }

    /** Fails with a plain sentence when there is no openssl to run; answers its version. */
    static String version() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new BenchmarkFailure("'openssl version' failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new BenchmarkFailure("the openssl command is missing: the benchmark compares the gateway with it. "
                    + "Install OpenSSL 3 (apt-get install openssl) and run again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted");
        }
    }

    /**
     * Decrypts ({@code openssl cms -decrypt} with the gateway's RSA key) and verifies ({@code openssl cms -verify}
     * against the example CA) each file in turn; answers the time for all of them. Any failure stops the run.
     */
    static Duration decryptAndVerify(List<Path> mails, Path certs, Path work) throws IOException, InterruptedException {
        Path key = certs.resolve("gateway/gateway-rsa.key.pem");
        Path cert = certs.resolve("gateway/gateway-rsa.cert.pem");
        Path ca = certs.resolve("ca/ca.cert.pem");
        Path decrypted = work.resolve("openssl-decrypted.eml");
        long start = System.nanoTime();
        for (Path mail : mails) {
            run("cms", "-decrypt", "-in", mail.toString(), "-inkey", key.toString(), "-recip", cert.toString(),
                    "-out", decrypted.toString());
            run("cms", "-verify", "-in", decrypted.toString(), "-CAfile", ca.toString(), "-out", "/dev/null");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Files.deleteIfExists(decrypted);
        return took;
    }

    private static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new BenchmarkFailure("openssl " + String.join(" ", args) + " failed: "
                    + new String(out, StandardCharsets.UTF_8).trim());
        }
    }
}
