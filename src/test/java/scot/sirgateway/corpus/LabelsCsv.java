package scot.sirgateway.corpus;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a corpus {@code labels.csv}: one row per document, by column name, in file order. */
final class LabelsCsv {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private LabelsCsv() {
    }

    /** The column names of the file's first line. */
    static List<String> header(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            return parser.getHeaderNames();
        }
    }

    /** Every row; fails on a row that has not one cell per column. */
    static List<Map<String, String>> rows(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (!record.isConsistent()) {
                    throw new IOException(csv + " line " + parser.getCurrentLineNumber() + " has " + record.size()
                            + " cells, not one per column");
                }
                rows.add(new LinkedHashMap<>(record.toMap()));
            }
            return rows;
        }
    }
}
