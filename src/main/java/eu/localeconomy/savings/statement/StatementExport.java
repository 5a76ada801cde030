package eu.localeconomy.savings.statement;

import eu.localeconomy.savings.ledger.LedgerTransactions;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.SpreadsheetText;
import eu.localeconomy.shared.TenantId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a merchant's transactions as CSV or XLSX while reading them ({@link LedgerTransactions#forEach}): a year of
 * a busy shop never sits in memory. Headers and kinds in the reader's language; amounts are numbers in euros, dates
 * are dates.
 */
@Component
class StatementExport {

    static final List<String> COLUMNS = List.of("date", "time", "kind", "card", "device", "cashier", "purchase",
            "amount", "capped", "compensated", "reason", "transaction", "reverses");

    /** Rows written to the XLSX stream before fastexcel may let go of them. */
    private static final int FLUSH_EVERY = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final LedgerTransactions transactions;
    private final MessageSource messages;

    StatementExport(LedgerTransactions transactions, MessageSource messages) {
        this.transactions = transactions;
        this.messages = messages;
    }

    /**
     * CSV for Excel: UTF-8 with a byte order mark (or Excel guesses the encoding wrong). Dutch and French spreadsheets
     * take the comma as decimal separator, so those files separate fields by ';' and write "12,50"; English ones use
     * ',' and "12.50". Returns the number of transactions written.
     */
    long csv(TenantId tenant, LedgerTransactions.Filter filter, Locale locale, ZoneId zone, OutputStream out) {
        boolean decimalComma = usesDecimalComma(locale);
        CSVFormat format = CSVFormat.EXCEL.builder().setDelimiter(decimalComma ? ';' : ',').get();
        DecimalFormat number = new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(decimalComma ? Locale.FRANCE : Locale.ROOT));
        long[] count = {0};
        try {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\uFEFF');
            CSVPrinter csv = new CSVPrinter(writer, format);
            csv.printRecord(COLUMNS.stream().map(c -> message("statement.column." + c, locale)).toList());
            transactions.forEach(tenant, filter, line -> {
                try {
                    csv.printRecord(line.businessDate().toString(), TIME.format(LocalDateTime.ofInstant(line.at(), zone)),
                            message("statement.kind." + line.kind().name(), locale), text(line.cardNumber()),
                            SpreadsheetText.cell(line.deviceName()), SpreadsheetText.cell(line.cashierName()),
                            decimal(number, line.purchase()),
                            decimal(number, line.amount()), line.capped() ? message("statement.yes", locale) : "",
                            decimal(number, line.compensated()), SpreadsheetText.cell(line.reason()), line.id().toString(),
                            line.reversesId() == null ? "" : line.reversesId().toString());
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /** XLSX with real numbers (two decimals) and real dates, one sheet, the header row frozen. */
    long xlsx(TenantId tenant, LedgerTransactions.Filter filter, Locale locale, ZoneId zone, OutputStream out) {
        long[] count = {0};
        try {
            Workbook workbook = new Workbook(out, "Local economy platform", "1.0");
            Worksheet sheet = workbook.newWorksheet(SpreadsheetText.sheetName(message("statement.export.sheet", locale)));
            for (int c = 0; c < COLUMNS.size(); c++) {
                sheet.value(0, c, message("statement.column." + COLUMNS.get(c), locale));
                sheet.style(0, c).bold().set();
            }
            sheet.freezePane(0, 1);
            int[] widths = {12, 18, 14, 16, 18, 20, 12, 12, 8, 12, 30, 38, 38};
            for (int c = 0; c < widths.length; c++) {
                sheet.width(c, widths[c]);
            }
            String yes = message("statement.yes", locale);
            transactions.forEach(tenant, filter, line -> {
                int r = (int) ++count[0];
                sheet.value(r, 0, line.businessDate());
                sheet.style(r, 0).format("yyyy-mm-dd").set();
                sheet.value(r, 1, LocalDateTime.ofInstant(line.at(), zone));
                sheet.style(r, 1).format("yyyy-mm-dd hh:mm:ss").set();
                sheet.value(r, 2, message("statement.kind." + line.kind().name(), locale));
                sheet.value(r, 3, text(line.cardNumber()));
                sheet.value(r, 4, text(line.deviceName()));
                sheet.value(r, 5, text(line.cashierName()));
                money(sheet, r, 6, line.purchase());
                money(sheet, r, 7, line.amount());
                sheet.value(r, 8, line.capped() ? yes : "");
                money(sheet, r, 9, line.compensated());
                sheet.value(r, 10, text(line.reason()));
                sheet.value(r, 11, line.id().toString());
                sheet.value(r, 12, line.reversesId() == null ? "" : line.reversesId().toString());
                if (r % FLUSH_EVERY == 0) {
                    try {
                        sheet.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    static boolean usesDecimalComma(Locale locale) {
        return Language.fromLocale(locale).map(l -> l == Language.NL || l == Language.FR || l == Language.DE).orElse(false);
    }

    private static void money(Worksheet sheet, int row, int column, Money money) {
        if (money != null) {
            sheet.value(row, column, money.amount());
            sheet.style(row, column).format("0.00").set();
        }
    }

    private static String decimal(DecimalFormat format, Money money) {
        return money == null ? "" : format.format(money.amount());
    }


    private static String text(String s) {
        return s == null ? "" : s;
    }


    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
