package scot.sirgateway.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import scot.sirgateway.classify.ClassificationRules;
import scot.sirgateway.classify.NotificationClassifier;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.council.CouncilRegistryProperties;
import scot.sirgateway.council.SenderPolicy;
import scot.sirgateway.extract.DocumentText;
import scot.sirgateway.extract.ExtractProperties;
import scot.sirgateway.extract.FormLabels;
import scot.sirgateway.extract.FormLineExtractor;
import scot.sirgateway.extract.PdfFormReader;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.support.TestSubmissions;
import scot.sirgateway.unwrap.SenderIdentification;
import scot.sirgateway.unwrap.SenderPolicyProperties;

/**
 * Runs the real extract and classify stages over a half of the labelled corpus, each document mailed
 * as its council would send it, and counts per field how often the gateway agrees with the label;
 * also how often a value it was sure of was right. Prints the table:
 * {@code mvn -q test -Dtest=CorpusAccuracyTest} (the README's accuracy command).
 */
public final class CorpusAccuracy {

    /** The labelled fields compared, as labels.csv names them. */
    static final List<String> FIELDS = List.of("local_authority", "incident_type", "incident_category", "order_type",
            "mappa", "incident_date", "domestic_abuse", "historical");

    /** Per field: right, total; and the sure values: right, total. */
    public record Score(Map<String, int[]> perField, int sureRight, int sureTotal, int triageOfWrongOrUnsure,
            int wrongOrUnsure, int documents) {

        public double accuracy(String field) {
            int[] counts = perField.get(field);
            return counts[1] == 0 ? 1.0 : (double) counts[0] / counts[1];
        }

        public double surePrecision() {
            return sureTotal == 0 ? 1.0 : (double) sureRight / sureTotal;
        }
    }

    private final SenderIdentification senders;
    private final FormLineExtractor extractor;
    private final NotificationClassifier classifier;

    public CorpusAccuracy() {
        DefaultResourceLoader loader = new DefaultResourceLoader();
        CouncilRegistry councils = new CouncilRegistry(new CouncilRegistryProperties("classpath:councils.yaml", null),
                loader, new MockEnvironment());
        FormLabels labels = new FormLabels("classpath:classification-rules.yaml", loader);
        ClassificationRules rules = new ClassificationRules("classpath:classification-rules.yaml", loader, labels);
        senders = new SenderIdentification(councils, new SenderPolicyProperties(SenderPolicy.ACCEPT_UNVERIFIED));
        extractor = new FormLineExtractor(new PdfFormReader(null),
                new DocumentText(new ExtractProperties(15_000_000, 1_000_000, 100, 100, 5, Duration.ofSeconds(30))), labels);
        classifier = new NotificationClassifier(councils, rules);
    }

    /** Scores every document listed in a {@code labels.csv} under {@code half}; prints each miss if asked. */
    public Score score(Path half, boolean print) throws IOException {
        Map<String, int[]> perField = new LinkedHashMap<>();
        FIELDS.forEach(f -> perField.put(f, new int[2]));
        int sureRight = 0;
        int sureTotal = 0;
        int wrongOrUnsure = 0;
        int inTriage = 0;
        List<Map<String, String>> labelled = labelled(half);
        for (Map<String, String> label : labelled) {
            Submission submission = classify(Path.of(label.get("path")), label.get("sender"));
            boolean triage = submission == null || !submission.triageReasons().isEmpty();
            for (String field : FIELDS) {
                String expected = label.get(field);
                FieldValue actual = actual(submission, field);
                String got = actual == null || actual.value() == null ? "" : text(actual.value());
                boolean right = expected.equals(got);
                perField.get(field)[0] += right ? 1 : 0;
                perField.get(field)[1]++;
                boolean sure = actual != null && actual.value() != null && actual.confidence() >= NotificationClassifier.SURE;
                if (sure) {
                    sureTotal++;
                    sureRight += right ? 1 : 0;
                }
                if ((!right || !sure) && (!expected.isEmpty() || !got.isEmpty())) {
                    wrongOrUnsure++;
                    inTriage += triage ? 1 : 0;
                }
                if (print && !right) {
                    System.out.printf("  %-26s %-18s expected %-28s got %-20s read %s%n",
                            half.relativize(Path.of(label.get("path"))), field, expected, got, raw(submission, field));
                }
            }
        }
        return new Score(perField, sureRight, sureTotal, inTriage, wrongOrUnsure, labelled.size());
    }

    /** The rows of every {@code labels.csv} under {@code half}, each with the document's {@code path}. */
    static List<Map<String, String>> labelled(Path half) throws IOException {
        List<Path> labelFiles;
        try (Stream<Path> files = Files.walk(half)) {
            labelFiles = files.filter(p -> p.getFileName().toString().equals("labels.csv")).sorted().toList();
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (Path labelFile : labelFiles) {
            for (Map<String, String> row : LabelsCsv.rows(labelFile)) {
                row.put("path", labelFile.resolveSibling(row.get("file")).toString());
                rows.add(row);
            }
        }
        return rows;
    }

    private Submission classify(Path document, String sender) throws IOException {
        try {
            Submission submission = TestSubmissions.submission(mail(document, sender));
            senders.identify(submission);
            extractor.extract(submission);
            return classifier.classify(submission);
        } catch (QuarantineException e) {
            return null;
        } catch (jakarta.mail.MessagingException e) {
            throw new IOException(e);
        }
    }

    private static FieldValue actual(Submission submission, String field) {
        if (submission == null) {
            return null;
        }
        return switch (field) {
            case "domestic_abuse" -> new FieldValue(submission.domesticAbuse(), scot.sirgateway.model.FieldSource.DESCRIPTION, 0.8);
            case "historical" -> new FieldValue(submission.historical(), scot.sirgateway.model.FieldSource.DESCRIPTION, 0.8);
            default -> submission.fields().get(FormField.byLabel(field).orElseThrow());
        };
    }

    /** What the extract stage read for a field, shortened: the start of a miss's story. */
    private static String raw(Submission submission, String field) {
        if (submission == null) {
            return "(quarantined)";
        }
        Submission.RawValue raw = FormField.byLabel(field).map(f -> submission.rawValues().get(f)).orElse(null);
        if (raw == null) {
            return "-";
        }
        String text = raw.text().replaceAll("\\s+", " ");
        return '"' + (text.length() > 70 ? text.substring(0, 70) + "..." : text) + '"';
    }

    private static String text(Object value) {
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    /** The document as its council mails it: a text or HTML body, or any other document attached. */
    static byte[] mail(Path document, String sender) throws IOException {
        String name = document.getFileName().toString();
        byte[] bytes = Files.readAllBytes(document);
        StringBuilder mail = new StringBuilder("From: " + sender + "\r\nTo: notifications@sir-gateway.test\r\n"
                + "Subject: Serious incident notification\r\nMessage-ID: <" + name + "@corpus.test>\r\nMIME-Version: 1.0\r\n");
        if (name.endsWith(".txt") || name.endsWith(".html")) {
            mail.append("Content-Type: ").append(name.endsWith(".txt") ? "text/plain" : "text/html")
                    .append("; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(bytes)).append("\r\n");
        } else {
            String type = switch (name.substring(name.lastIndexOf('.') + 1)) {
                case "pdf" -> "application/pdf";
                case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                case "odt" -> "application/vnd.oasis.opendocument.text";
                case "rtf" -> "application/rtf";
                default -> "application/octet-stream";
            };
            mail.append("Content-Type: multipart/mixed; boundary=\"corpus\"\r\n\r\n--corpus\r\n")
                    .append("Content-Type: text/plain; charset=UTF-8\r\n\r\nPlease find our notification attached.\r\n")
                    .append("--corpus\r\nContent-Type: ").append(type).append("; name=\"").append(name).append("\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"").append(name).append("\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(bytes)).append("\r\n--corpus--\r\n");
        }
        return mail.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String table(String name, Score score) {
        StringBuilder out = new StringBuilder(String.format("%s (%d documents)%n", name, score.documents()));
        for (String field : FIELDS) {
            int[] c = score.perField().get(field);
            out.append(String.format("  %-18s %5.1f%%  (%d/%d)%n", field, 100.0 * score.accuracy(field), c[0], c[1]));
        }
        out.append(String.format("  %-18s %5.1f%%  (%d/%d)%n", "sure values right", 100.0 * score.surePrecision(),
                score.sureRight(), score.sureTotal()));
        out.append(String.format("  %-18s %d of %d wrong or unsure values are in notifications sent to triage%n",
                "triage", score.triageOfWrongOrUnsure(), score.wrongOrUnsure()));
        return out.toString();
    }
}
