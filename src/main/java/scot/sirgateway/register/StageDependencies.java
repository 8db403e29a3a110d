package scot.sirgateway.register;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.HexFormat;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.extract.ExtractProperties;
import scot.sirgateway.intake.IntakeProperties;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.quarantine.CauseFingerprint;
import scot.sirgateway.smime.GatewayKeys;
import scot.sirgateway.unwrap.SenderPolicyProperties;
import scot.sirgateway.unwrap.TrustAnchors;

/**
 * What each stage's verdict depends on, as one SHA-256: {@code intake} its limits; {@code unwrap} the
 * gateway's key certificates, the trust anchors, the councils (domains, certificates, sender
 * policies) and the sender policy; {@code thread} the councils (names, aliases, domains: which council
 * a sender is, against the notification's) and the notification the subject's reference names, if any;
 * {@code extract} and {@code review} (which reads a threaded mail's documents as extract does) the
 * councils' PDF passwords, the password an operator supplied for the message, and the document limits;
 * {@code classify} the classification rules. Configuration is read at start, so a change shows here
 * after a restart. A {@code register} failure depends on the notifications already registered: it has
 * no fingerprint and may always be reprocessed.
 */
@Component
class StageDependencies implements CauseFingerprint {

    private final byte[] intake;
    private final byte[] unwrap;
    private final byte[] thread;
    private final byte[] extract;
    private final byte[] classify;
    private final StoredMessages storedMessages;
    private final JdbcClient jdbc;

    StageDependencies(JdbcClient jdbc, IntakeProperties intakeProperties, GatewayKeys keys, TrustAnchors anchors,
            CouncilRegistry councils, SenderPolicyProperties senderPolicy, ExtractProperties extractProperties,
            StoredMessages storedMessages,
            @Value("${gateway.classification.rules-file:classpath:classification-rules.yaml}") String rulesFile,
            ResourceLoader resources) {
        this.storedMessages = storedMessages;
        this.jdbc = jdbc;
        this.intake = intakeDigest(intakeProperties);
        this.unwrap = unwrapDigest(keys, anchors, councils, senderPolicy);
        this.thread = threadDigest(councils);
        this.extract = extractDigest(councils, extractProperties);
        this.classify = classifyDigest(rulesFile, resources);
    }

    private static byte[] intakeDigest(IntakeProperties intakeProperties) {
        Digest d = new Digest();
        settings(d, intakeProperties);
        return d.done();
    }

    private static byte[] unwrapDigest(GatewayKeys keys, TrustAnchors anchors, CouncilRegistry councils,
            SenderPolicyProperties senderPolicy) {
        Digest d = new Digest();
        keys.all().forEach(key -> d.certificate(key.certificate()));
        anchors.anchors().stream().map(TrustAnchor::getTrustedCert)
                .sorted(Comparator.comparing(c -> c.getSerialNumber().toString(16))).forEach(d::certificate);
        for (Council council : councils.all()) {
            d.text(council.name()).text(String.join(",", council.domains())).text(String.valueOf(council.senderPolicy()));
            council.certificates().forEach(d::certificate);
        }
        d.text(String.valueOf(senderPolicy.unsigned()));
        return d.done();
    }

    private static byte[] threadDigest(CouncilRegistry councils) {
        Digest d = new Digest();
        for (Council council : councils.all()) {
            d.text(council.name()).text(String.join(",", council.aliases())).text(String.join(",", council.domains()));
        }
        return d.done();
    }

    private static byte[] extractDigest(CouncilRegistry councils, ExtractProperties extractProperties) {
        Digest d = new Digest();
        for (Council council : councils.all()) {
            d.text(council.name());
            council.pdfPasswords().forEach(d::text);
        }
        settings(d, extractProperties);
        return d.done();
    }

    private static byte[] classifyDigest(String rulesFile, ResourceLoader resources) {
        Digest d = new Digest();
        try (var in = resources.getResource(rulesFile).getInputStream()) {
            d.bytes(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("gateway.classification.rules-file (" + rulesFile + ") cannot be read", e);
        }
        return d.done();
    }

    @Override
    public String of(String stage, long storedMessageId) {
        byte[] base = switch (stage) {
            case "intake" -> intake;
            case "unwrap" -> unwrap;
            case "thread" -> thread;
            case "extract", "review" -> extract;
            case "classify" -> classify;
            default -> null;
        };
        if (base == null) {
            return null;
        }
        Digest d = new Digest().bytes(base);
        if (stage.equals("extract") || stage.equals("review")) {
            d.text(storedMessages.pdfPassword(storedMessageId).orElse(""));
        }
        if (stage.equals("thread")) {
            d.text(quotedNotification(storedMessageId));
        }
        return HexFormat.of().formatHex(d.done());
    }

    /**
     * The reference the message's subject quotes and the council of the notification that has it ("none"
     * when none has): a notification registered since, or a quote of none, changes the thread stage's verdict.
     */
    private String quotedNotification(long storedMessageId) {
        StoredMessages.StoredMessage message = storedMessages.find(storedMessageId).orElse(null);
        if (message == null) {
            return "";
        }
        String subject = scot.sirgateway.storage.MessageHeaders.parse(storedMessages.bytesOf(message)).header("Subject");
        try {
            subject = subject == null ? null : jakarta.mail.internet.MimeUtility.decodeText(subject);
        } catch (java.io.UnsupportedEncodingException e) {
            // the raw header is compared then
        }
        java.util.List<String> quoted = ReferenceAllocator.quotedIn(subject);
        if (quoted.isEmpty()) {
            return "";
        }
        String reference = quoted.get(0);
        return reference + "=" + jdbc.sql("SELECT local_authority FROM notification WHERE reference = ?").param(reference)
                .query(String.class).optional().orElse("none");
    }

    /** A settings record's values, passwords left out (their change never alters a verdict). */
    private static void settings(Digest d, Record settings) {
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            if (component.getName().toLowerCase(java.util.Locale.ROOT).contains("password")) {
                continue;
            }
            try {
                d.text(component.getName()).text(String.valueOf(component.getAccessor().invoke(settings)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** SHA-256 over length-prefixed pieces, so no two lists of pieces give the same input. */
    private static final class Digest {
        private final MessageDigest sha256;

        Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Digest bytes(byte[] bytes) {
            sha256.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha256.update(bytes);
            return this;
        }

        Digest text(String text) {
            return bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        void certificate(X509Certificate certificate) {
            try {
                bytes(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] done() {
            return sha256.digest();
        }
    }
}
