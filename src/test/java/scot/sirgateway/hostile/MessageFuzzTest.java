package scot.sirgateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import scot.sirgateway.intake.IntakeStages;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.support.GatewayClient;
import scot.sirgateway.support.TestDocx;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;
import scot.sirgateway.support.TestSmime;

/**
 * Fuzzing: valid messages (signed; signed and encrypted) and documents (a PDF form, a Word file) mutated for a
 * bounded number of rounds (bit flips, bytes inserted and deleted, truncation, a chunk duplicated, boundaries
 * and headers mangled), each stored as intake stores mail and run by the real stage workers of a gateway of its
 * own. Every round must end registered, in triage, or quarantined with a reason code other than
 * {@code RETRIES_EXHAUSTED} (an exception nobody expected), within a bound; none may hang or be lost. It runs in
 * the 256 MB hostile-documents JVM, so memory is bounded too. A good message afterwards still goes through.
 *
 * <p>Reproducible: {@code -Dfuzz.seed=<n>} (each round's mutations come from the seed and the round's number
 * alone) and {@code -Dfuzz.rounds=<n>}; every failure names the seed, the round and its mutations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sir-fuzz;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gateway.government.recipients[0]=sir-fuzz@gov-scot.test",
        "gateway.alerts.recipients[0]=alerts-fuzz@sir-gateway.test",
        // the rounds are stored and handed to the workers here, as intake does once a mail's bytes are stored
        "gateway.mail.intake.enabled=false",
        "gateway.mail.intake.max-message-bytes=2000000",
        "gateway.extract.timeout=" + MessageFuzzTest.DOCUMENT_TIMEOUT_SECONDS + "s"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = MessageFuzzTest.OwnMailbox.class)
class MessageFuzzTest extends GatewayClient {

    static final String INTAKE = "fuzz-intake@sir-gateway.test";
    static final int DOCUMENT_TIMEOUT_SECONDS = 5;
    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 100);
    /**
     * How long one round may take once a worker is free for it: a document read up to its timeout, the
     * stages' retries (0.5 + 1 + 2 s) and a margin for a loaded machine.
     */
    private static final Duration ROUND_BOUND = Duration.ofSeconds(DOCUMENT_TIMEOUT_SECONDS + 4 + 20);
    private static final String SIGNER = "cjsw@demo-council.test";
    private static final String SENDER = "fuzz@demo-council.test";

    /** This gateway's mailboxes on the shared mail server. */
    static final class OwnMailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("fuzz-gateway-mail", mail.properties(INTAKE)));
        }
    }

    @Autowired
    private StoredMessages storedMessages;

    @Autowired
    private IntakeStages intakeStages;

    /** What the fuzz starts from. */
    enum Sample {
        SIGNED_MAIL, SIGNED_ENCRYPTED_MAIL, PDF_FORM, WORD_DOCUMENT;

        boolean document() {
            return this == PDF_FORM || this == WORD_DOCUMENT;
        }
    }

    /** One round: what it started from, what was done to it, the stored message it became. */
    record Round(int number, Sample sample, String mutations, long storedId) {
        String describe() {
            return "fuzz.seed=" + SEED + " round " + number + " (" + sample + ": " + mutations
                    + "; rerun with -Dfuzz.seed=" + SEED + " -Dfuzz.rounds=" + (number + 1) + ")";
        }
    }

    private static final Set<ReasonCode> EXPECTED_CODES = EnumSet.complementOf(EnumSet.of(ReasonCode.RETRIES_EXHAUSTED));

    @Test
    void mutatedMessagesAndDocumentsShouldEachEndRegisteredOrQuarantinedWithAReason() throws Exception {
        System.out.println("fuzz.seed=" + SEED + " fuzz.rounds=" + ROUNDS);
        TestSmime.Signer council = TestSmime.demoCouncil();
        byte[] pdf = TestPdfs.form(TestMessages.completeForm("fuzz-pdf"), TestPdfs.Protection.NONE, null);
        StringBuilder paragraphs = new StringBuilder();
        TestMessages.completeForm("fuzz-docx").forEach((k, v) -> paragraphs.append(TestDocx.paragraph(k + ": " + v)));
        byte[] docx = TestDocx.docx(paragraphs.toString());

        List<Round> rounds = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int number = 0; number < ROUNDS; number++) {
            Random random = new Random(SEED * 1_000_003L + number);
            Sample sample = Sample.values()[number % Sample.values().length];
            Mutator mutator = new Mutator(random);
            String messageId = TestMessages.newMessageId("demo-council.test");
            String form = TestMessages.formLines(TestMessages.completeForm("fuzz-" + number));
            byte[] raw = switch (sample) {
                case SIGNED_MAIL -> mutator.mail(TestSmime.signedMail(SIGNER, council, form, Map.of("Message-ID", messageId)));
                case SIGNED_ENCRYPTED_MAIL -> mutator.mail(HostileMails.mail(SIGNER, HostileMails.encryptedTo(
                        TestSmime.signDetached(HostileMails.text(form), council), HostileMails.gatewayCertificate()),
                        messageId));
                case PDF_FORM -> TestPdfs.mailWithAttachment(SENDER, messageId, "notification.pdf", mutator.document(pdf));
                case WORD_DOCUMENT -> TestPdfs.mailWithAttachment(SENDER, messageId, "notification.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", mutator.document(docx));
            };
            Round round = new Round(number, sample, mutator.applied(), -1);
            StoredMessages.Stored stored;
            try {
                stored = storedMessages.store(raw, "MAIL");
            } catch (RuntimeException e) {
                failures.add(round.describe() + ": storing the bytes threw " + e);
                continue;
            }
            if (stored.duplicate()) {
                // the same bytes under the same Message-ID as an earlier round: nothing new, as for any copy
                continue;
            }
            round = new Round(number, sample, round.mutations(), stored.id());
            rounds.add(round);
            intakeStages.offer(stored.id());
        }

        // each round out of RECEIVED within its bound, counted from the moment the one before it was done
        for (Round round : rounds) {
            try {
                Awaitility.await().dontCatchUncaughtExceptions().atMost(ROUND_BOUND).pollInterval(Duration.ofMillis(200))
                        .until(() -> !"RECEIVED".equals(state(round.storedId())));
            } catch (ConditionTimeoutException hung) {
                failures.add(round.describe() + ": still not done after " + ROUND_BOUND.toSeconds() + " s");
                continue;
            }
            String state = state(round.storedId());
            if ("QUARANTINED".equals(state)) {
                List<String> codes = jdbc.sql("SELECT reason_code FROM quarantine WHERE stored_message_id = ?")
                        .param(round.storedId()).query(String.class).list();
                if (codes.isEmpty()) {
                    failures.add(round.describe() + ": quarantined without a quarantine entry");
                }
                for (String code : codes) {
                    if (code == null || !EXPECTED_CODES.stream().map(Enum::name).toList().contains(code)) {
                        String reason = jdbc.sql("SELECT id FROM quarantine WHERE stored_message_id = ?")
                                .param(round.storedId()).query(Long.class).list().stream()
                                .map(id -> quarantineReason(id)).collect(Collectors.joining("; "));
                        failures.add(round.describe() + ": quarantined as " + code + " (" + reason + ")");
                    }
                }
            } else if ("PROCESSED".equals(state)) {
                if (count("SELECT COUNT(*) FROM notification WHERE stored_message_id = ?", round.storedId()) == 0
                        && count("SELECT COUNT(*) FROM threaded_message WHERE stored_message_id = ?", round.storedId()) == 0) {
                    failures.add(round.describe() + ": processed, but neither a notification nor threaded");
                }
            } else {
                failures.add(round.describe() + ": ended in state " + state);
            }
        }

        // the gateway still takes good mail
        String goodId = TestMessages.newMessageId("demo-council.test");
        long good = storedMessages.store(TestMessages.plainNotification(SENDER, goodId,
                TestMessages.completeForm("after fuzzing")), "MAIL").id();
        intakeStages.offer(good);
        Awaitility.await().dontCatchUncaughtExceptions().atMost(ROUND_BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT COUNT(*) FROM notification WHERE stored_message_id = ?", good) == 1);

        long registered = count("SELECT COUNT(*) FROM notification");
        long quarantined = count("SELECT COUNT(DISTINCT stored_message_id) FROM quarantine");
        System.out.println("fuzz.seed=" + SEED + ": " + rounds.size() + " rounds, " + (registered - 1) + " registered, "
                + quarantined + " quarantined");
        // what the quarantined rounds were told, each distinct reason once: the fuzz's reach at a glance
        jdbc.sql("SELECT id, reason_code FROM quarantine ORDER BY id").query().listOfRows().stream()
                .map(row -> row.get("reason_code") + ": " + quarantineReason(((Number) row.get("id")).longValue())
                        .replaceAll("\\d+", "N"))
                .collect(Collectors.groupingBy(reason -> reason, java.util.TreeMap::new, Collectors.counting()))
                .forEach((reason, times) -> System.out.println("  " + times + " x " + reason));
        assertThat(failures).as("rounds that crashed, hung or were lost (fuzz.seed=" + SEED + ")").isEmpty();
        assertThat(rounds).as("rounds run").hasSizeGreaterThan(ROUNDS / 2);
    }

    private String state(long storedId) {
        return jdbc.sql("SELECT state FROM stored_message WHERE id = ?").param(storedId).query(String.class).single();
    }

    @Autowired
    private scot.sirgateway.quarantine.QuarantineEntries quarantineEntries;

    private String quarantineReason(long id) {
        return quarantineEntries.find(id).map(e -> e.reason()).orElse("?");
    }

    /** Mutations drawn from one round's random numbers, each written down as it is applied. */
    static final class Mutator {

        private final Random random;
        private final List<String> applied = new ArrayList<>();

        Mutator(Random random) {
            this.random = random;
        }

        String applied() {
            return String.join(", ", applied);
        }

        /** One to three mutations of a whole mail: any of the byte mutations, or its headers or boundaries. */
        byte[] mail(byte[] raw) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                raw = switch (random.nextInt(7)) {
                    case 5 -> header(raw);
                    case 6 -> boundary(raw);
                    default -> bytes(raw);
                };
            }
            return raw;
        }

        /** One to three byte mutations of a document. */
        byte[] document(byte[] document) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                document = bytes(document);
            }
            return document;
        }

        private byte[] bytes(byte[] in) {
            if (in.length < 2) {
                return in;
            }
            int at = random.nextInt(in.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    byte[] out = in.clone();
                    int flips = 1 + random.nextInt(8);
                    for (int i = 0; i < flips; i++) {
                        int position = random.nextInt(out.length);
                        out[position] ^= (byte) (1 << random.nextInt(8));
                    }
                    applied.add(flips + " bit flips");
                    return out;
                }
                case 1 -> {
                    byte[] inserted = new byte[1 + random.nextInt(64)];
                    random.nextBytes(inserted);
                    applied.add(inserted.length + " bytes inserted at " + at);
                    return splice(in, at, 0, inserted);
                }
                case 2 -> {
                    int length = Math.min(in.length - at, 1 + random.nextInt(256));
                    applied.add(length + " bytes deleted at " + at);
                    return splice(in, at, length, new byte[0]);
                }
                case 3 -> {
                    applied.add("truncated to " + at + " of " + in.length + " bytes");
                    return Arrays.copyOf(in, at);
                }
                default -> {
                    int length = Math.min(in.length - at, 16 + random.nextInt(4096));
                    int to = random.nextInt(in.length);
                    applied.add(length + " bytes from " + at + " duplicated at " + to);
                    return splice(in, to, 0, Arrays.copyOfRange(in, at, at + length));
                }
            }
        }

        /** A header line of the outer header block dropped its colon, repeated, split, swelled or turned to 8-bit noise. */
        private byte[] header(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return bytes(raw);
            }
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = text.indexOf("\r\n"); i >= 0 && i < end; i = text.indexOf("\r\n", i + 2)) {
                starts.add(i + 2);
            }
            int start = starts.get(random.nextInt(starts.size()));
            int lineEnd = text.indexOf("\r\n", start);
            String line = text.substring(start, lineEnd);
            String replaced = switch (random.nextInt(5)) {
                case 0 -> {
                    applied.add("header colon dropped: " + name(line));
                    yield line.replaceFirst(":", "");
                }
                case 1 -> {
                    int times = 2 + random.nextInt(50);
                    applied.add("header repeated " + times + " times: " + name(line));
                    yield (line + "\r\n").repeat(times - 1) + line;
                }
                case 2 -> {
                    applied.add("header split by a bare line break: " + name(line));
                    int at = random.nextInt(line.length() + 1);
                    yield line.substring(0, at) + "\r\n" + line.substring(at);
                }
                case 3 -> {
                    applied.add("header swelled to 20 KB: " + name(line));
                    yield line + " " + "x".repeat(20_000);
                }
                default -> {
                    byte[] noise = new byte[1 + random.nextInt(80)];
                    random.nextBytes(noise);
                    applied.add("header value turned to " + noise.length + " bytes of noise: " + name(line));
                    yield name(line) + ": " + new String(noise, StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "");
                }
            };
            return (text.substring(0, start) + replaced + text.substring(lineEnd)).getBytes(StandardCharsets.ISO_8859_1);
        }

        private static String name(String line) {
            int colon = line.indexOf(':');
            return colon < 0 ? "(continuation)" : line.substring(0, colon);
        }

        /** One occurrence of a multipart boundary changed, dropped, or closed early. */
        private byte[] boundary(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher parameter = java.util.regex.Pattern.compile("boundary=\"?([^\";\\r\\n]+)").matcher(text);
            List<String> boundaries = new ArrayList<>();
            while (parameter.find()) {
                boundaries.add(parameter.group(1));
            }
            if (boundaries.isEmpty()) {
                return bytes(raw);
            }
            String boundary = "--" + boundaries.get(random.nextInt(boundaries.size()));
            List<Integer> at = new ArrayList<>();
            for (int i = text.indexOf(boundary); i >= 0; i = text.indexOf(boundary, i + 1)) {
                at.add(i);
            }
            if (at.isEmpty()) {
                return bytes(raw);
            }
            int position = at.get(random.nextInt(at.size()));
            String changed = switch (random.nextInt(3)) {
                case 0 -> {
                    applied.add("a boundary delimiter changed");
                    int offset = 2 + random.nextInt(boundary.length() - 2);
                    yield text.substring(0, position + offset) + (char) ('!' + random.nextInt(90))
                            + text.substring(position + offset + 1);
                }
                case 1 -> {
                    applied.add("a boundary delimiter dropped");
                    yield text.substring(0, position) + text.substring(position + boundary.length());
                }
                default -> {
                    applied.add("a boundary closed early");
                    yield text.substring(0, position) + boundary + "--" + text.substring(position + boundary.length());
                }
            };
            return changed.getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
            out.write(in, 0, at);
            out.writeBytes(insert);
            out.write(in, at + remove, in.length - at - remove);
            return out.toByteArray();
        }
    }
}
