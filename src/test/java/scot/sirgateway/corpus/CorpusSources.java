package scot.sirgateway.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import scot.sirgateway.corpus.CorpusGenerator.Block;
import scot.sirgateway.corpus.CorpusGenerator.Entry;
import scot.sirgateway.corpus.CorpusGenerator.Heading;
import scot.sirgateway.corpus.CorpusGenerator.Para;
import scot.sirgateway.corpus.CorpusGenerator.Table;

/**
 * Renders hand-written corpus documents from their sources: {@code <folder>/source/NNN-<format>.txt}
 * becomes {@code <folder>/NNN-<format>.<format>}. A {@code txt} source is the mail body itself, an
 * {@code html} source starting with {@code <} is the HTML itself; the others use a small markup:
 * <ul>
 * <li>docx, odt, rtf, html: {@code # heading}; {@code | label | value |} table rows (consecutive rows
 * make one table, {@code \n} in a cell starts a paragraph); {@code **label** text} a paragraph with a bold
 * label; other lines are paragraphs, ended by a blank line, line breaks inside kept.</li>
 * <li>pdf: {@code # title}, then {@code key | label | value} per filled field of the form's 26 fields
 * (named by the form keys; {@code \n} in a value starts a line). Unlisted fields stay empty.</li>
 * </ul>
 * Usage: {@code CorpusSources <folder>}.
 */
public final class CorpusSources {

    private static final Pattern SOURCE = Pattern.compile("(\\d{3})-(pdf|docx|odt|rtf|html|txt)\\.txt");
    private static final Pattern BOLD_LABEL = Pattern.compile("^\\*\\*(.+?)\\*\\*\\s*(.*)$");

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: CorpusSources <folder holding source/>");
            System.exit(2);
        }
        Map<String, byte[]> documents = renderAll(Path.of(args[0]));
        for (Map.Entry<String, byte[]> document : documents.entrySet()) {
            Files.write(Path.of(args[0]).resolve(document.getKey()), document.getValue());
        }
        System.out.println("Rendered " + documents.size() + " documents into " + args[0]);
    }

    /** Every source of {@code folder/source}, rendered: document file name to bytes, in file order. */
    public static Map<String, byte[]> renderAll(Path folder) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> sources = Files.list(folder.resolve("source"))) {
            for (Path source : sources.sorted().toList()) {
                Matcher m = SOURCE.matcher(source.getFileName().toString());
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a source name (NNN-<format>.txt): " + source);
                }
                String format = m.group(2);
                out.put(m.group(1) + "-" + format + "." + format,
                        render(format, Files.readString(source, StandardCharsets.UTF_8), source.getFileName().toString()));
            }
        }
        return out;
    }

    /** One document of {@code format} from its source text; {@code name} fixes a PDF's document ID. */
    public static byte[] render(String format, String source, String name) {
        try {
            return switch (format) {
                case "txt" -> source.getBytes(StandardCharsets.UTF_8);
                case "html" -> (source.stripLeading().startsWith("<") ? source
                        : CorpusGenerator.html(title(source), false, blocks(source))).getBytes(StandardCharsets.UTF_8);
                case "docx" -> CorpusGenerator.docx(false, blocks(source));
                case "odt" -> CorpusGenerator.odt(blocks(source));
                case "rtf" -> CorpusGenerator.rtf(blocks(source)).getBytes(StandardCharsets.US_ASCII);
                case "pdf" -> pdf(source, name);
                default -> throw new IllegalArgumentException("unknown format " + format);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Block> blocks(String source) {
        List<Block> blocks = new ArrayList<>();
        List<Entry> rows = null;
        StringBuilder paragraph = null;
        for (String line : source.replace("\r\n", "\n").split("\n", -1)) {
            if (line.startsWith("|")) {
                paragraph = flush(paragraph, blocks);
                if (rows == null) {
                    rows = new ArrayList<>();
                    blocks.add(new Table(rows));
                }
                String[] cells = line.trim().replaceAll("^\\||\\|$", "").split("\\|", 2);
                rows.add(new Entry(null, cells[0].trim(), cells.length < 2 ? "" : cells[1].trim().replace("\\n", "\n\n")));
                continue;
            }
            rows = null;
            if (line.isBlank()) {
                paragraph = flush(paragraph, blocks);
            } else if (line.startsWith("# ")) {
                paragraph = flush(paragraph, blocks);
                blocks.add(new Heading(line.substring(2).trim()));
            } else if (BOLD_LABEL.matcher(line).matches()) {
                paragraph = flush(paragraph, blocks);
                Matcher m = BOLD_LABEL.matcher(line);
                m.matches();
                blocks.add(new Para(m.group(1), m.group(2)));
            } else if (paragraph == null) {
                paragraph = new StringBuilder(line);
            } else {
                paragraph.append('\n').append(line);
            }
        }
        flush(paragraph, blocks);
        return blocks;
    }

    private static StringBuilder flush(StringBuilder paragraph, List<Block> blocks) {
        if (paragraph != null) {
            blocks.add(new Para(null, paragraph.toString()));
        }
        return null;
    }

    private static String title(String source) {
        for (String line : source.split("\n")) {
            if (line.startsWith("# ")) {
                return line.substring(2).trim();
            }
        }
        return "Serious incident notification";
    }

    private static byte[] pdf(String source, String name) throws IOException {
        Map<String, String[]> given = new LinkedHashMap<>();
        for (String line : source.replace("\r\n", "\n").split("\n")) {
            if (line.isBlank() || line.startsWith("# ")) {
                continue;
            }
            String[] cells = line.split("\\|", 3);
            String key = cells[0].trim();
            if (cells.length != 3 || !CorpusGenerator.FORM_KEYS.contains(key)) {
                throw new IllegalArgumentException(name + ": not a 'key | label | value' line of a form key: " + line);
            }
            given.put(key, new String[] {cells[1].trim(), cells[2].trim().replace("\\n", "\n")});
        }
        List<Entry> fields = new ArrayList<>();
        for (String key : CorpusGenerator.FORM_KEYS) {
            String[] labelAndValue = given.get(key);
            fields.add(labelAndValue == null ? new Entry(key, defaultLabel(key), null)
                    : new Entry(key, labelAndValue[0], labelAndValue[1]));
        }
        return CorpusGenerator.pdfForm(title(source), null, fields, name);
    }

    private static String defaultLabel(String key) {
        String words = key.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private CorpusSources() {
    }
}
