package eu.localeconomy.membership.sync;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

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
        int start = content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF ? 3 : 0;
        for (int i = start; i < Math.min(content.length, 64 * 1024); i++) {
            if (content[i] == 0) {
                throw new UnreadableException("membership.sync.csv.error.binary");
            }
        }
        String text;
        Charset charset;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
            charset = StandardCharsets.UTF_8;
        } catch (CharacterCodingException notUtf8) {
            if (start > 0) {
                throw new UnreadableException("membership.sync.csv.error.encoding");
            }
            text = new String(content, WINDOWS_1252);
            charset = WINDOWS_1252;
        }
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        char delimiter = delimiter(first);
        List<String> headers = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
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

    private static char delimiter(String header) {
        char best = ';';
        long most = -1;
        for (char c : new char[]{';', ',', '\t'}) {
            long count = header.chars().filter(x -> x == c).count();
            if (count > most) {
                most = count;
                best = c;
            }
        }
        return best;
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
