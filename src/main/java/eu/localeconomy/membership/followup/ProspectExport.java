package eu.localeconomy.membership.followup;

import eu.localeconomy.membership.followup.CampaignFollowUp.Item;
import eu.localeconomy.membership.followup.CampaignFollowUp.Prospect;
import eu.localeconomy.membership.followup.CampaignFollowUp.Snapshot;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.SpreadsheetText;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The prospect list as CSV (UTF-8 with BOM; ';' and decimal comma in Dutch and French, as Excel there expects) or XLSX
 * (fastexcel; real numbers and dates), with the same rows as the page for the same filters. Amounts in euros,
 * excluding VAT for ordered amounts.
 */
@Component
class ProspectExport {

    static final List<String> COLUMNS = List.of("name", "type", "city", "postcode", "stage", "ranges", "orderStatus",
            "paymentMethod", "orderedNet", "orderGross", "received", "invitedAt", "lastVisitAt", "visits",
            "declinedAt", "declineReason");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;

    ProspectExport(MessageSource messages) {
        this.messages = messages;
    }

    private List<String> headers(boolean withAmount, Locale locale) {
        List<String> headers = new ArrayList<>(COLUMNS.stream().map(c -> message("followup.column." + c, locale)).toList());
        if (withAmount) {
            headers.add(message("followup.column.amount", locale));
        }
        return headers;
    }

    /** Every value of a row as text or number (Money, Instant, Integer, String), in column order. */
    private List<Object> values(Snapshot snapshot, Map<UUID, Item> ranges, ProspectFilter.Row row, boolean withAmount,
                                Locale locale) {
        Prospect p = row.prospect();
        String currency = snapshot.currency();
        Language language = Language.fromLocale(locale).orElse(Language.FR);
        String rangeNames = p.offeredRanges().stream().map(r -> ranges.get(r.value())).filter(java.util.Objects::nonNull)
                .map(r -> r.names().getOrDefault(language, r.names().getOrDefault(Language.FR, "")))
                .collect(Collectors.joining(", "));
        long received = p.receivedByMethod().values().stream().mapToLong(Long::longValue).sum();
        List<Object> values = new ArrayList<>();
        values.add(p.name());
        values.add(p.type() == null ? "" : message("directory.type." + p.type().name(), locale));
        values.add(text(p.city()));
        values.add(text(p.postcode()));
        values.add(message("followup.stage." + p.stage().name(), locale));
        values.add(rangeNames);
        values.add(p.order() == null ? "" : message("extranet.order.status." + p.order().status().name(), locale));
        values.add(p.order() == null ? "" : message("order.payment." + p.order().method().name(), locale));
        values.add(p.order() == null ? null : new Money(p.order().netCents(), currency));
        values.add(p.order() == null ? null : new Money(p.order().grossCents(), currency));
        values.add(p.receivedByMethod().isEmpty() ? null : new Money(received, currency));
        values.add(p.invitedAt());
        values.add(p.lastVisitAt());
        values.add(p.visits());
        values.add(p.declinedAt());
        values.add(text(p.declineReason()));
        if (withAmount) {
            values.add(row.amount());
        }
        return values;
    }

    void csv(Snapshot snapshot, List<ProspectFilter.Row> rows, boolean withAmount, Locale locale, ZoneId zone,
             OutputStream out) throws IOException {
        boolean decimalComma = Language.fromLocale(locale).map(l -> l != Language.EN).orElse(false);
        DecimalFormat number = new DecimalFormat("0.00",
                DecimalFormatSymbols.getInstance(decimalComma ? Locale.FRANCE : Locale.ROOT));
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setDelimiter(decimalComma ? ';' : ',').get());
        csv.printRecord(headers(withAmount, locale));
        Map<UUID, Item> ranges = ranges(snapshot);
        for (ProspectFilter.Row row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : values(snapshot, ranges, row, withAmount, locale)) {
                cells.add(switch (v) {
                    case null -> "";
                    case Money m -> number.format(m.amount());
                    case Instant i -> TIME.format(LocalDateTime.ofInstant(i, zone));
                    case Integer n -> n.toString();
                    default -> SpreadsheetText.cell(v.toString());
                });
            }
            csv.printRecord(cells);
        }
        csv.flush();
    }

    void xlsx(Snapshot snapshot, List<ProspectFilter.Row> rows, boolean withAmount, Locale locale, ZoneId zone,
              OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Local economy platform", "1.0");
        Worksheet sheet = workbook.newWorksheet(SpreadsheetText.sheetName(message("followup.export.sheet", locale)));
        List<String> headers = headers(withAmount, locale);
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
            sheet.style(0, c).bold().set();
            sheet.width(c, c == 0 ? 32 : 16);
        }
        sheet.freezePane(0, 1);
        int r = 0;
        Map<UUID, Item> ranges = ranges(snapshot);
        for (ProspectFilter.Row row : rows) {
            r++;
            List<Object> values = values(snapshot, ranges, row, withAmount, locale);
            for (int c = 0; c < values.size(); c++) {
                switch (values.get(c)) {
                    case null -> {
                    }
                    case Money m -> {
                        sheet.value(r, c, m.amount());
                        sheet.style(r, c).format("0.00").set();
                    }
                    case Instant i -> {
                        sheet.value(r, c, LocalDateTime.ofInstant(i, zone));
                        sheet.style(r, c).format("yyyy-mm-dd hh:mm").set();
                    }
                    case Integer n -> sheet.value(r, c, n);
                    case BigDecimal d -> sheet.value(r, c, d);
                    default -> sheet.value(r, c, values.get(c).toString());
                }
            }
            if (r % 500 == 0) {
                sheet.flush();
            }
        }
        workbook.finish();
    }

    private static Map<UUID, Item> ranges(Snapshot snapshot) {
        return snapshot.ranges().stream().collect(Collectors.toMap(Item::id, r -> r, (a, b) -> a));
    }


    private static String text(String s) {
        return s == null ? "" : s;
    }


    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
