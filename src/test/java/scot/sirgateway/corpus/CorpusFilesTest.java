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

/**
 * The committed corpus is what its generator and its sources render, its labels are valid and match
 * its files, each half covers what the corpus README promises, and every file opens.
 */
class CorpusFilesTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    static final Path GENERATED = CORPUS.resolve("dev/generated");
    /** Every folder of documents with its labels.csv. */
    static final List<Path> FOLDERS = List.of(GENERATED, CORPUS.resolve("dev/written"), CORPUS.resolve("dev/written-2"),
            CORPUS.resolve("heldout"));
    static final Set<String> TYPES = Set.copyOf(CorpusGenerator.TYPES);
    static final Set<String> ORDERS = Set.of("CPO", "DTTO", "PAROLE", "NON_PAROLE", "EXTENDED", "SRO", "OLR", "OTHER");
    static final Set<String> FORM_KEYS = Set.copyOf(CorpusGenerator.FORM_KEYS);

    @Test
    void theGeneratedDocumentsAreWhatTheGeneratorWrites(@TempDir Path tmp) throws IOException {
        CorpusGenerator.generate(tmp);
        assertThat(names(tmp)).isEqualTo(documents(GENERATED));
        for (String name : names(tmp)) {
            assertThat(comparable(name, Files.readAllBytes(GENERATED.resolve(name)))).as(name)
                    .isEqualTo(comparable(name, Files.readAllBytes(tmp.resolve(name))));
        }
    }

    /**
     * The held-out half's failures name files, never quote them: a message showing its text would let
     * whoever writes rules see what they must not.
     */
    @Test
    void theWrittenDocumentsAreWhatTheirSourcesRender() throws IOException {
        for (Path folder : FOLDERS.subList(1, FOLDERS.size())) {
            boolean heldOut = folder.endsWith("heldout");
            Map<String, byte[]> rendered;
            try {
                rendered = CorpusSources.renderAll(folder);
            } catch (RuntimeException e) {
                if (heldOut) {
                    throw new AssertionError("a held-out source does not render (message withheld)");
                }
                throw e;
            }
            List<String> committed = new ArrayList<>(documents(folder));
            committed.remove("labels.csv");
            assertThat(rendered.keySet()).as(folder.toString()).containsExactlyElementsOf(committed);
            for (Map.Entry<String, byte[]> document : rendered.entrySet()) {
                String fresh = comparable(document.getKey(), document.getValue());
                String written = comparable(document.getKey(), Files.readAllBytes(folder.resolve(document.getKey())));
                assertThat(heldOut ? digest(written) : written).as(document.getKey()).isEqualTo(heldOut ? digest(fresh) : fresh);
            }
        }
    }

    /** What two renderings of a document must agree on (a PDF's fields and text, a package's parts, a text). */
    private static String comparable(String name, byte[] document) throws IOException {
        if (name.endsWith(".pdf")) {
            return pdfFields(document) + "\n" + pdfText(document);
        }
        if (name.endsWith(".docx") || name.endsWith(".odt")) {
            return zipParts(document).toString();
        }
        return new String(document, StandardCharsets.UTF_8);
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLabelsAreValidMatchTheFilesAndEachHalfCoversWhatTheCorpusPromises() throws IOException {
        Map<String, List<Map<String, String>>> halves = new LinkedHashMap<>();
        for (Path folder : FOLDERS) {
            List<Map<String, String>> rows = labels(folder.resolve("labels.csv"));
            Set<String> files = new TreeSet<>(documents(folder));
            files.remove("labels.csv");
            assertThat(rows).extracting(r -> r.get("file")).containsExactlyInAnyOrderElementsOf(files);
            rows.forEach(CorpusFilesTest::assertValid);
            halves.computeIfAbsent(CORPUS.relativize(folder).getName(0).toString(), h -> new ArrayList<>()).addAll(rows);
        }
        assertThat(halves.keySet()).containsExactly("dev", "heldout");
        for (Map.Entry<String, List<Map<String, String>>> half : halves.entrySet()) {
            String name = half.getKey();
            List<Map<String, String>> rows = half.getValue();
            assertThat(rows.size()).as(name).isGreaterThanOrEqualTo(60);
            assertThat(rows).extracting(r -> r.get("file").replaceAll("^\\d{3}-(\\w+)\\..*$", "$1")).as(name)
                    .containsAll(List.of("pdf", "docx", "odt", "rtf", "html", "txt"));
            assertThat(rows).extracting(r -> r.get("incident_type")).as(name + ": every type").containsAll(TYPES);
            assertThat(rows.stream().map(r -> r.get("local_authority")).distinct().count()).as(name + ": councils")
                    .isEqualTo(32);
            long incomplete = rows.stream().filter(r -> r.get("complete").equals("false")).count();
            assertThat(incomplete * 100 / rows.size()).as(name + ": some incomplete").isBetween(4L, 15L);
            assertThat(rows).filteredOn(r -> r.get("domestic_abuse").equals("true")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(rows).filteredOn(r -> r.get("historical").equals("true")).hasSizeGreaterThanOrEqualTo(1);
        }
    }

    private static void assertValid(Map<String, String> row) {
        String file = row.get("file");
        String council = row.get("local_authority");
        assertThat(DOMAINS).as(file).containsKey(council);
        String senderDomain = row.get("sender").substring(row.get("sender").indexOf('@') + 1);
        assertThat(DOMAINS.get(council)).as(file).anyMatch(d -> senderDomain.equals(d) || senderDomain.endsWith("." + d));
        String type = row.get("incident_type");
        if (!type.isEmpty()) {
            assertThat(TYPES).as(file).contains(type);
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
        if (row.get("complete").equals("true")) {
            assertThat(List.of(type, row.get("order_type"), row.get("mappa"), row.get("incident_date")))
                    .as(file + " is complete, so its required labels are given").doesNotContain("");
        }
    }

    @Test
    void everyPdfIsAFillableFormWithTheFormKeysAsFieldNames() throws IOException {
        for (Path folder : FOLDERS) {
            for (String name : documents(folder)) {
                if (name.endsWith(".pdf")) {
                    Map<String, String> fields = pdfFields(Files.readAllBytes(folder.resolve(name)));
                    assertThat(fields.keySet()).as(name).isEqualTo(FORM_KEYS);
                    assertThat(fields.get("description")).as(name).isNotBlank();
                }
            }
        }
    }

    @Test
    void everyWordAndOpenDocumentFileIsAZipOfWellFormedXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (Path folder : FOLDERS) {
            for (String name : documents(folder)) {
                if (!name.endsWith(".docx") && !name.endsWith(".odt")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(folder.resolve(name));
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

    /** The files of a corpus folder: its documents and labels.csv, not its sources. */
    static List<String> documents(Path dir) throws IOException {
        return names(dir).stream().filter(name -> !name.equals("source")).toList();
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
        assertThat(String.join(",", LabelsCsv.header(csv))).isEqualTo(CorpusGenerator.LABELS_HEADER);
        return LabelsCsv.rows(csv);
    }

    static final Map<String, List<String>> DOMAINS = councilDomains();

    /** The registry's council names and mail domains, read from the gateway's own councils.yaml. */
    static Map<String, List<String>> councilDomains() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Pattern name = Pattern.compile("^\\s*- name: (.+?)\\s*$");
        Pattern domains = Pattern.compile("^\\s*domains: \\[(.+)]\\s*$");
        String current = null;
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("src/main/resources/councils.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String line : lines) {
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
