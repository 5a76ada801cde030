package eu.localeconomy.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "=cmd|'=cmd",
            "+32 2 123 45 67|'+32 2 123 45 67",
            "-1|'-1",
            "@SUM(A1)|'@SUM(A1)",
            "Zeedijk|Zeedijk",
            "Hôtel des Falaises|Hôtel des Falaises",
            "a=b|a=b"})
    void typedTextThatWouldRunAsAFormulaIsWrittenAsText(String typed, String written) {
        assertThat(SpreadsheetText.cell(typed)).isEqualTo(written);
    }

    @org.junit.jupiter.api.Test
    void nothingIsEmptyAndSheetNamesFitExcel() {
        assertThat(SpreadsheetText.cell(null)).isEmpty();
        assertThat(SpreadsheetText.cell("")).isEmpty();
        assertThat(SpreadsheetText.sheetName("Transactions [2026/11]: all?")).isEqualTo("Transactions  2026 11   all");
        assertThat(SpreadsheetText.sheetName("x".repeat(40))).hasSize(31);
    }
}
