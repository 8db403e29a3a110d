package scot.sirgateway.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed corpus is what the generator writes, its labels match its files, and every file opens. */
class CorpusGeneratorTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    static final List<String> HALVES = List.of("dev", "heldout");
    static final Set<String> TYPES = Set.copyOf(CorpusGenerator.TYPES);
    static final Set<String> ORDERS = Set.of("CPO", "DTTO", "PAROLE", "NON_PAROLE", "EXTENDED", "SRO", "OLR", "OTHER");
    static final Set<String> FORM_KEYS = Set.copyOf(CorpusGenerator.FORM_KEYS);

    @Test
    void theCommittedCorpusIsWhatTheGeneratorWrites(@TempDir Path tmp) throws IOException {
        CorpusGenerator.generate(tmp);
        for (String half : HALVES) {
            assertThat(names(tmp.resolve(half))).as(half).isEqualTo(names(CORPUS.resolve(half)));
            for (String name : names(tmp.resolve(half))) {
                byte[] fresh = Files.readAllBytes(tmp.resolve(half).resolve(name));
                byte[] committed = Files.readAllBytes(CORPUS.resolve(half).resolve(name));
                if (name.endsWith(".pdf")) {
                    assertThat(pdfFields(committed)).as(name).isEqualTo(pdfFields(fresh));
                    assertThat(pdfText(committed)).as(name).isEqualTo(pdfText(fresh));
                } else if (name.endsWith(".docx") || name.endsWith(".odt")) {
                    assertThat(zipParts(committed)).as(name).isEqualTo(zipParts(fresh));
                } else {
                    assertThat(new String(committed, StandardCharsets.UTF_8)).as(name)
                            .isEqualTo(new String(fresh, StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void theLabelsMatchTheFilesAndCoverWhatTheCorpusPromises() throws IOException {
        Map<String, List<String>> domains = councilDomains();
        Map<String, Integer> typesTotal = new TreeMap<>();
        int previous = -1;
        for (String half : HALVES) {
            List<Map<String, String>> rows = labels(CORPUS.resolve(half).resolve("labels.csv"));
            Set<String> files = new TreeSet<>(names(CORPUS.resolve(half)));
            files.remove("labels.csv");
            assertThat(rows).extracting(r -> r.get("file")).containsExactlyInAnyOrderElementsOf(files);
            if (previous >= 0) {
                assertThat(rows).hasSize(previous);
            }
            previous = rows.size();
            assertThat(rows.size()).isGreaterThanOrEqualTo(48);

            Map<String, Long> formats = rows.stream()
                    .collect(Collectors.groupingBy(r -> r.get("file").replaceAll("^\\d{3}-(\\w+)\\..*$", "$1"), Collectors.counting()));
            assertThat(formats.keySet()).containsExactlyInAnyOrder("pdf", "docx", "odt", "rtf", "html", "txt");
            assertThat(formats.get("pdf") * 100 / rows.size()).isBetween(20L, 30L);
            assertThat(formats.get("txt") * 100 / rows.size()).isBetween(20L, 30L);
            assertThat(formats.get("docx") * 100 / rows.size()).isBetween(15L, 25L);

            Set<String> typesHere = new TreeSet<>();
            int incomplete = 0;
            for (Map<String, String> row : rows) {
                String file = row.get("file");
                String council = row.get("local_authority");
                assertThat(domains).as(file).containsKey(council);
                String senderDomain = row.get("sender").substring(row.get("sender").indexOf('@') + 1);
                assertThat(domains.get(council)).as(file)
                        .anyMatch(d -> senderDomain.equals(d) || senderDomain.endsWith("." + d));
                String type = row.get("incident_type");
                if (!type.isEmpty()) {
                    assertThat(TYPES).as(file).contains(type);
                    typesHere.add(type);
                    typesTotal.merge(type, 1, Integer::sum);
                }
                assertThat(row.get("incident_category")).as(file).isIn("1", "2", "3");
                if (Set.of("MURDER_VICTIM", "UNEXPLAINED_DEATH", "SUICIDE", "ACCIDENTAL_DEATH").contains(type)) {
                    assertThat(row.get("incident_category")).as(file).isEqualTo("3");
                }
                if (!row.get("order_type").isEmpty()) {
                    assertThat(ORDERS).as(file).contains(row.get("order_type"));
                }
                assertThat(row.get("mappa")).as(file).isIn("", "true", "false");
                if (!"true".equals(row.get("mappa"))) {
                    assertThat(row.get("mappa_category") + row.get("mappa_level")).as(file).isEmpty();
                }
                assertThat(row.get("mappa_category")).as(file).isIn("", "1", "2", "3");
                assertThat(row.get("mappa_level")).as(file).isIn("", "1", "2", "3");
                if (!row.get("incident_date").isEmpty()) {
                    LocalDate.parse(row.get("incident_date"));
                }
                for (String flag : List.of("domestic_abuse", "historical", "complete")) {
                    assertThat(row.get(flag)).as(file + " " + flag).isIn("true", "false");
                }
                if (row.get("complete").equals("false")) {
                    incomplete++;
                } else {
                    assertThat(List.of(type, row.get("order_type"), row.get("mappa"), row.get("incident_date")))
                            .as(file + " is complete, so its required labels are given").doesNotContain("");
                }
            }
            assertThat(typesHere).as(half + ": every type at least once").isEqualTo(TYPES);
            assertThat(incomplete * 100 / rows.size()).as(half + ": about a tenth incomplete").isBetween(5, 15);
            assertThat(rows).filteredOn(r -> r.get("domestic_abuse").equals("true")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(rows).filteredOn(r -> r.get("historical").equals("true")).hasSizeGreaterThanOrEqualTo(1);
            assertThat(rows.stream().map(r -> r.get("local_authority")).distinct().count()).as(half + ": councils")
                    .isEqualTo(32);
        }
        assertThat(typesTotal.keySet()).isEqualTo(TYPES);
        assertThat(typesTotal.values()).allMatch(n -> n >= 2);
    }

    @Test
    void everyPdfIsAFillableFormWithTheFormKeysAsFieldNames() throws IOException {
        for (String half : HALVES) {
            for (String name : names(CORPUS.resolve(half))) {
                if (name.endsWith(".pdf")) {
                    Map<String, String> fields = pdfFields(Files.readAllBytes(CORPUS.resolve(half).resolve(name)));
                    assertThat(fields.keySet()).as(name).isEqualTo(FORM_KEYS);
                    assertThat(fields.get("local_authority")).as(name).isNotBlank();
                    assertThat(fields.get("description")).as(name).isNotBlank();
                }
            }
        }
    }

    @Test
    void everyWordAndOpenDocumentFileIsAZipOfWellFormedXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (String half : HALVES) {
            for (String name : names(CORPUS.resolve(half))) {
                if (!name.endsWith(".docx") && !name.endsWith(".odt")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(CORPUS.resolve(half).resolve(name));
                Map<String, byte[]> parts = zipParts(bytes).entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8)));
                if (name.endsWith(".docx")) {
                    assertThat(parts).as(name).containsKeys("[Content_Types].xml", "_rels/.rels", "word/document.xml");
                } else {
                    assertThat(firstEntryName(bytes)).as(name).isEqualTo("mimetype");
                    assertThat(new String(parts.get("mimetype"), StandardCharsets.US_ASCII))
                            .isEqualTo("application/vnd.oasis.opendocument.text");
                    assertThat(parts).as(name).containsKeys("META-INF/manifest.xml", "content.xml");
                }
                for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                    if (part.getKey().endsWith(".xml") || part.getKey().endsWith(".rels")) {
                        factory.newDocumentBuilder().parse(new ByteArrayInputStream(part.getValue()));
                    }
                }
            }
        }
    }

    // ---- helpers ----

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Map<String, String> pdfFields(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            assertThat(form).isNotNull();
            Map<String, String> fields = new TreeMap<>();
            for (PDField field : form.getFieldTree()) {
                fields.put(field.getFullyQualifiedName(), field.getValueAsString());
            }
            return fields;
        }
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static Map<String, String> zipParts(byte[] zip) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return parts;
    }

    static String firstEntryName(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry first = in.getNextEntry();
            assertThat(first.getMethod()).isEqualTo(ZipEntry.STORED);
            return first.getName();
        }
    }

    static List<Map<String, String>> labels(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(CorpusGenerator.LABELS_HEADER);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as(line).hasSize(header.length);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The registry's council names and mail domains, read from the gateway's own councils.yaml. */
    static Map<String, List<String>> councilDomains() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Pattern name = Pattern.compile("^\\s*- name: (.+?)\\s*$");
        Pattern domains = Pattern.compile("^\\s*domains: \\[(.+)]\\s*$");
        String current = null;
        for (String line : Files.readAllLines(Path.of("src/main/resources/councils.yaml"))) {
            Matcher n = name.matcher(line);
            Matcher d = domains.matcher(line);
            if (n.matches()) {
                current = n.group(1);
            } else if (d.matches() && current != null) {
                out.put(current, Arrays.stream(d.group(1).split(",")).map(String::trim).toList());
            }
        }
        assertThat(out).hasSize(32);
        return out;
    }
}
