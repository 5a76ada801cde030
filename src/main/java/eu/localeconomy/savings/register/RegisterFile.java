package eu.localeconomy.savings.register;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reading an uploaded register file: its encoding (UTF-8 with or without a byte order mark; a file that is not
 * valid UTF-8 is read as Windows-1252, the encoding of spreadsheet exports on Belgian and French Windows, and the
 * screens say so), its delimiter (semicolon, comma or tab) and its records.
 */
final class RegisterFile {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

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
        if (content.length >= 2 && ((content[0] == (byte) 0xFE && content[1] == (byte) 0xFF)
                || (content[0] == (byte) 0xFF && content[1] == (byte) 0xFE))) {
            throw new UnreadableException("register.upload.error.utf16");
        }
        int start = startsWith(content, UTF8_BOM) ? UTF8_BOM.length : 0;
        for (int i = start; i < Math.min(content.length, 64 * 1024); i++) {
            if (content[i] == 0) {
                throw new UnreadableException("register.upload.error.binary");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
            return new Decoded(text, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            if (start > 0) {
                // It says it is UTF-8 and is not: reading it as anything else would be a guess.
                throw new UnreadableException("register.upload.error.badUtf8");
            }
            return new Decoded(new String(content, WINDOWS_1252), WINDOWS_1252);
        }
    }

    /** The delimiter that splits the header line into the most columns, outside quotes; semicolon on a tie. */
    static char delimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        char best = ';';
        int bestCount = 0;
        for (char candidate : new char[]{';', ',', '\t'}) {
            int count = 0;
            boolean quoted = false;
            for (int i = 0; i < first.length(); i++) {
                char c = first.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == candidate && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
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

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
