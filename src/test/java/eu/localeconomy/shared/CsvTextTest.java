package eu.localeconomy.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTextTest {

    @ParameterizedTest
    @CsvSource({"'a;b;c',;", "'a,b,c',','", "'\"a;b\",c,d',','", "'a;b,c;d',;", "'single',;"})
    void delimiterOfTheHeaderLineOutsideQuotes(String line, char delimiter) {
        assertThat(CsvText.delimiter(line + "\n1;2;3")).isEqualTo(delimiter);
    }

    @Test
    void tabSeparatedFiles() {
        assertThat(CsvText.delimiter("a\tb\tc\n1\t2\t3")).isEqualTo('\t');
    }

    @Test
    void readsUtf8WithOrWithoutBomAndFallsBackToWindows1252() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'Z', 'o', (byte) 0xC3, (byte) 0xAB};
        assertThat(CsvText.decode(bom).text()).isEqualTo("Zoë");
        assertThat(CsvText.decode("Zoë;€".getBytes(StandardCharsets.UTF_8)).charset()).isEqualTo(StandardCharsets.UTF_8);
        var latin = CsvText.decode("Françoise;Église".getBytes(CsvText.WINDOWS_1252));
        assertThat(latin.charset()).isEqualTo(CsvText.WINDOWS_1252);
        assertThat(latin.text()).isEqualTo("Françoise;Église");
    }

    @Test
    void refusesWhatIsNotText() {
        byte[] bomThenLatin1 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'F', (byte) 0xE7, 'a'};
        assertThatThrownBy(() -> CsvText.decode(bomThenLatin1)).isInstanceOfSatisfying(CsvText.UnreadableTextException.class,
                e -> assertThat(e.problem()).isEqualTo(CsvText.Problem.BAD_UTF8));
        assertThatThrownBy(() -> CsvText.decode(new byte[]{'a', 0, 'b'})).isInstanceOfSatisfying(CsvText.UnreadableTextException.class,
                e -> assertThat(e.problem()).isEqualTo(CsvText.Problem.BINARY));
        assertThatThrownBy(() -> CsvText.decode(new byte[]{(byte) 0xFF, (byte) 0xFE, 'a', 0})).isInstanceOfSatisfying(
                CsvText.UnreadableTextException.class, e -> assertThat(e.problem()).isEqualTo(CsvText.Problem.UTF16));
    }
}
