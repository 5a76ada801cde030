package eu.localeconomy.savings.register;

import eu.localeconomy.shared.CsvText;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reading an uploaded register file: its encoding (UTF-8 with or without a byte order mark; a file that is not
 * valid UTF-8 is read as Windows-1252, the encoding of spreadsheet exports on Belgian and French Windows, and the
 * screens say so), its delimiter (semicolon, comma or tab) and its records.
 */
final class RegisterFile {

    static final Charset WINDOWS_1252 = CsvText.WINDOWS_1252;

    /** A file that cannot be read as a register file at all; the key says why, in the user's language. */
    static final class UnreadableException extends Exception {
        final String messageKey;

        UnreadableException(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }
    }

    record Decoded(String text, Charset charset) {
    }

    private RegisterFile() {
    }

    static Decoded decode(byte[] content) throws UnreadableException {
        try {
            CsvText.Decoded decoded = CsvText.decode(content);
            return new Decoded(decoded.text(), decoded.charset());
        } catch (CsvText.UnreadableTextException e) {
            throw new UnreadableException(switch (e.problem()) {
                case UTF16 -> "register.upload.error.utf16";
                case BINARY -> "register.upload.error.binary";
                case BAD_UTF8 -> "register.upload.error.badUtf8";
            });
        }
    }

    static char delimiter(String text) {
        return CsvText.delimiter(text);
    }

    static CSVFormat format(char delimiter) {
        return CsvText.format(delimiter);
    }

    /** The header and up to {@code limit} data records. */
    static List<List<String>> head(String text, char delimiter, int limit) throws UnreadableException {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format(delimiter)).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext() && rows.size() <= limit) {
                rows.add(records.next().toList());
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new UnreadableException("register.upload.error.malformed");
        }
        return rows;
    }

    /** Every data record after the header, in order; the record number is the line of a spreadsheet (header = 1). */
    static void records(String text, char delimiter, Consumer<CSVRecord> each) throws UnreadableException {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format(delimiter)).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (records.hasNext()) {
                records.next();
            }
            while (records.hasNext()) {
                each.accept(records.next());
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new UnreadableException("register.upload.error.malformed");
        }
    }

}
