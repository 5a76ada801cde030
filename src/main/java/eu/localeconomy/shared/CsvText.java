package eu.localeconomy.shared;

import org.apache.commons.csv.CSVFormat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reading the CSV files offices upload (registers, merchants, establishments): UTF-8 with or without a byte-order
 * mark, or Windows-1252 as spreadsheets on Belgian and French Windows export it; the delimiter guessed from the header.
 */
public final class CsvText {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int BINARY_PROBE = 64 * 1024;

    /** Why an upload cannot be read as text; each caller words it in its own bundle. */
    public enum Problem { UTF16, BINARY, BAD_UTF8 }

    public static final class UnreadableTextException extends Exception {
        private final Problem problem;

        UnreadableTextException(Problem problem) {
            super(problem.name());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    public record Decoded(String text, Charset charset) {
    }

    private CsvText() {
    }

    public static Decoded decode(byte[] content) throws UnreadableTextException {
        if (content.length >= 2 && ((content[0] == (byte) 0xFE && content[1] == (byte) 0xFF)
                || (content[0] == (byte) 0xFF && content[1] == (byte) 0xFE))) {
            throw new UnreadableTextException(Problem.UTF16);
        }
        int start = content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF ? 3 : 0;
        for (int i = start; i < Math.min(content.length, BINARY_PROBE); i++) {
            if (content[i] == 0) {
                throw new UnreadableTextException(Problem.BINARY);
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
                throw new UnreadableTextException(Problem.BAD_UTF8);
            }
            return new Decoded(new String(content, WINDOWS_1252), WINDOWS_1252);
        }
    }

    /** The delimiter that splits the header line into the most columns, outside quotes; semicolon on a tie. */
    public static char delimiter(String text) {
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

    /** Trimmed values, empty lines skipped. */
    public static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
    }
}
