package scot.sirgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The OpenSSL command line, as the independent S/MIME client that proves interoperability. */
public final class Openssl {

    private Openssl() {
    }

    /** Runs openssl with these arguments; answers its standard output, failing with its error output. */
    public static byte[] run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("openssl could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts an S/MIME message with {@code <keyBase>.key.pem} and {@code <keyBase>.cert.pem}. */
    public static String decrypt(MimeMessage message, String keyBase) {
        try {
            Path in = Files.createTempFile("sir-smime", ".eml");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            Files.write(in, bytes.toByteArray());
            try {
                return new String(run("cms", "-decrypt", "-in", in.toString(), "-inkey", keyBase + ".key.pem",
                        "-recip", keyBase + ".cert.pem"), StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
