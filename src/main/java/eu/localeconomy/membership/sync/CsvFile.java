package eu.localeconomy.membership.sync;

import eu.localeconomy.shared.CsvText;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An uploaded CSV file of establishments: UTF-8 with or without a BOM, else Windows-1252 (what spreadsheet programs
 * write in France); {@code ;}, {@code ,} or tab detected from the header line. Records are keyed by column index
 * ({@code "0"}, {@code "1"} …) so that two columns with the same header stay apart.
 */
final class CsvFile {

    static final int MAX_ROWS = 50_000;

    static final class UnreadableException extends Exception {
        private final String messageKey;

        UnreadableException(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        String messageKey() {
            return messageKey;
        }
    }

    private final List<String> headers;
    private final List<Map<String, Object>> records;
    private final Charset charset;
    private final char delimiter;

    private CsvFile(List<String> headers, List<Map<String, Object>> records, Charset charset, char delimiter) {
        this.headers = headers;
        this.records = records;
        this.charset = charset;
        this.delimiter = delimiter;
    }

    static CsvFile read(byte[] content) throws UnreadableException {
        if (content == null || content.length == 0) {
            throw new UnreadableException("membership.sync.csv.error.empty");
        }
        String text;
        Charset charset;
        try {
            CsvText.Decoded decoded = CsvText.decode(content);
            text = decoded.text();
            charset = decoded.charset();
        } catch (CsvText.UnreadableTextException e) {
            throw new UnreadableException(e.problem() == CsvText.Problem.BINARY
                    ? "membership.sync.csv.error.binary" : "membership.sync.csv.error.encoding");
        }
        char delimiter = CsvText.delimiter(text);
        List<String> headers = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        CSVFormat format = CsvText.format(delimiter);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord row : parser) {
                if (headers.isEmpty()) {
                    row.forEach(headers::add);
                    continue;
                }
                if (records.size() >= MAX_ROWS) {
                    throw new UnreadableException("membership.sync.csv.error.tooMany");
                }
                Map<String, Object> record = new LinkedHashMap<>();
                for (int i = 0; i < headers.size(); i++) {
                    record.put(String.valueOf(i), i < row.size() ? row.get(i) : null);
                }
                records.add(record);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new UnreadableException("membership.sync.csv.error.malformed");
        }
        if (headers.isEmpty() || records.isEmpty()) {
            throw new UnreadableException("membership.sync.csv.error.noRows");
        }
        return new CsvFile(List.copyOf(headers), List.copyOf(records), charset, delimiter);
    }

    List<String> headers() {
        return headers;
    }

    List<Map<String, Object>> records() {
        return records;
    }

    Charset charset() {
        return charset;
    }

    char delimiter() {
        return delimiter;
    }
}
