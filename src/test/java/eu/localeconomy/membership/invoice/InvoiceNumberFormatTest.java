package eu.localeconomy.membership.invoice;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Numbering formats: each tag, counter widths, the period that resets the counter, refused formats. */
class InvoiceNumberFormatTest {

    @ParameterizedTest(name = "{0} with prefix {1}, counter {3} on {2} -> {4} (period {5})")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            FA-{YYYY}-{SEQ:5}           |     | 2026-11-23 | 42      | FA-2026-00042      | 2026
            {PREFIX}-{YYYY}-{SEQ:5}     | OT  | 2026-11-23 | 1       | OT-2026-00001      | 2026
            {PREFIX}{YY}{MM}-{SEQ:3}    | F   | 2026-03-05 | 7       | F2603-007          | 2026-03
            F{YYYY}/{MM}/{SEQ:4}        |     | 2027-01-01 | 12      | F2027/01/0012      | 2027-01
            ADH-{CAMPAIGN}-{SEQ:4}      |     | 2026-11-23 | 3       | ADH-2027-0003      | -
            {SEQ}                       |     | 2026-11-23 | 123456  | 123456             | -
            F-{SEQ:2}                   |     | 2026-11-23 | 1234    | F-1234             | -
            INV.{YY}_{SEQ:12}           |     | 2031-12-31 | 9       | INV.31_000000000009 | 2031
            """)
    void rendersEveryTag(String format, String prefix, LocalDate on, long counter, String number, String period) {
        var parsed = InvoiceNumberFormat.parse(format, "invoiceFormat");
        assertThat(parsed.render(prefix, on, 2027, counter)).isEqualTo(number);
        assertThat(parsed.periodOf(on)).isEqualTo(period);
    }

    @ParameterizedTest(name = "{0}: {1} and {2} share a counter: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            FA-{YYYY}-{SEQ:5}         | 2026-12-31 | 2027-01-01 | false
            FA-{YYYY}-{SEQ:5}         | 2026-01-01 | 2026-12-31 | true
            FA-{YY}{MM}-{SEQ:5}       | 2026-11-30 | 2026-12-01 | false
            FA-{YY}{MM}-{SEQ:5}       | 2026-11-01 | 2026-11-30 | true
            FA-{SEQ:6}                | 2026-12-31 | 2027-01-01 | true
            FA-{CAMPAIGN}-{SEQ:6}     | 2026-12-31 | 2027-01-01 | true
            """)
    void theCounterResetsWhenThePeriodShownChanges(String format, LocalDate first, LocalDate second, boolean same) {
        var parsed = InvoiceNumberFormat.parse(format, "invoiceFormat");
        assertThat(parsed.periodOf(first).equals(parsed.periodOf(second))).isEqualTo(same);
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            FA-{YYYY}                   | invoice.format.noCounter
            FA-{YYYY}-{SEQ:3}-{SEQ:3}   | invoice.format.twoCounters
            FA-{YEAR}-{SEQ:5}           | invoice.format.unknownTag
            FA-{seq:5}                  | invoice.format.unknownTag
            FA-{SEQ:}                   | invoice.format.unknownTag
            FA-{SEQ:0}                  | invoice.format.width
            FA-{SEQ:13}                 | invoice.format.width
            FA-{YYYY:4}-{SEQ:4}         | invoice.format.unknownTag
            FA-{MM}-{SEQ:4}             | invoice.format.monthWithoutYear
            FA {YYYY}-{SEQ:4}           | invoice.format.characters
            FA-{YYYY}-{SEQ:4}}          | invoice.format.unknownTag
            null                        | invoice.format.required
            '   '                       | invoice.format.required
            """)
    void refusesFormatsThatCouldNotNumberSafely(String format, String key) {
        assertThatThrownBy(() -> InvoiceNumberFormat.parse(format, "invoiceFormat"))
                .isInstanceOfSatisfying(InvoiceException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.field()).isEqualTo("invoiceFormat");
                });
    }

    @ParameterizedTest(name = "{0} over {1} -> nets {2}, VAT {3}, rounding {4}")
    @CsvSource(delimiter = '|', textBlock = """
            12000      | 2000:10000:2000          | 10000     | 2000      | 0
            6000       | 2000:10000:2000          | 5000      | 1000      | 0
            3          | 2000:10000:2000          | 2         | 0         | 1
            10000      | 2000:20000:4000,550:3003:165 | 7362:1105 | 1472:61 | 0
            21000      | 2000:10000:2000,550:10000:550 | 9313:9312 | 1863:512 | 0
            1          | 2000:10000:2000,550:10000:550 | 1         | 0        | 0
            """)
    void aPartialCreditIsSpreadOverTheRatesAndTheLastTakesTheRounding(long amount, String rates, String nets,
                                                                        String vats, long rounding) {
        var vat = java.util.Arrays.stream(rates.split(",")).map(r -> r.split(":"))
                .map(r -> new InvoiceContent.VatLine(Integer.parseInt(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2])))
                .toList();
        var spread = Invoices.spread(vat, amount);
        assertThat(spread.vat().stream().map(v -> String.valueOf(v.netCents())).toList())
                .isEqualTo(java.util.List.of(nets.split(":")));
        assertThat(spread.vat().stream().map(v -> String.valueOf(v.vatCents())).toList())
                .isEqualTo(java.util.List.of(vats.split(":")));
        assertThat(spread.rounding()).isEqualTo(rounding);
        assertThat(spread.vat().stream().mapToLong(v -> v.netCents() + v.vatCents()).sum() + spread.rounding())
                .isEqualTo(amount);
    }
}
