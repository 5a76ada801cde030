package eu.localeconomy.membership.invoice;

import eu.localeconomy.shared.SpreadsheetText;
import eu.localeconomy.shared.TenantId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The accounting export of a period (issue or receipt date within it, both days included), UTF-8 CSV with ';' and a
 * header row, amounts with a dot and two decimals, a credit note's and a refund's amounts negative:
 * <pre>
 * date;type;number;credits;order;buyer;code;designation;quantity;vat_rate;net;vat;gross;currency;method;reference
 * </pre>
 * One row per line of each invoice (type INVOICE) and credit note (CREDIT_NOTE) issued in the period: the line's net,
 * its share of its rate's VAT (the rate's VAT spread over its lines pro rata to their nets, the last line taking the
 * rounding, so a document's rows add up to its totals) and gross; {@code credits} is the credited invoice's number.
 * A credit note's rounding amount (EN 16931 BT-114, rare) is a row of its own with code ROUNDING. Then one row per
 * payment (PAYMENT) and refund (REFUND) received or given back in the period, with its method and reference; their
 * {@code number} is empty and {@code gross} is the amount.
 */
@Component
class AccountingExport {

    static final String[] HEADER = {"date", "type", "number", "credits", "order", "buyer", "code", "designation",
            "quantity", "vat_rate", "net", "vat", "gross", "currency", "method", "reference"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InvoiceStore store;
    private final JdbcClient jdbc;

    AccountingExport(InvoiceStore store, JdbcClient jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    void write(TenantId tenant, LocalDate from, LocalDate to, Writer out) {
        try {
            // Not closed here: the caller owns the writer (the response's stream).
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(';')
                    .setRecordSeparator("\r\n").setHeader(HEADER).get());
            List<InvoiceStore.Row> documents = store.issuedBetween(tenant, from, to);
            java.util.Map<UUID, String> numbers = new java.util.HashMap<>();
            documents.forEach(d -> numbers.put(d.id(), d.number()));
            for (InvoiceStore.Row document : documents) {
                InvoiceContent content = JSON.readValue(document.snapshot(), InvoiceContent.class);
                boolean credit = document.kind() == InvoiceDocument.Kind.CREDIT_NOTE;
                String credits = document.creditedInvoiceId() == null ? null
                        : numbers.computeIfAbsent(document.creditedInvoiceId(),
                        id -> store.find(tenant, id).map(InvoiceStore.Row::number).orElse(null));
                List<Long> lineVat = lineVat(content);
                for (int i = 0; i < content.lines().size(); i++) {
                    var line = content.lines().get(i);
                    long vat = lineVat.get(i);
                    csv.printRecord(document.issuedOn(), document.kind().name(), document.number(), credits,
                            document.orderId(), SpreadsheetText.cell(content.buyer().name()), SpreadsheetText.cell(line.code()),
                            SpreadsheetText.cell(line.designation()),
                            line.quantity(), BigDecimal.valueOf(line.vatRateBasisPoints(), 2).stripTrailingZeros().toPlainString(),
                            amount(line.netCents(), credit), amount(vat, credit), amount(line.netCents() + vat, credit),
                            content.currency(), null, null);
                }
                if (content.roundingCents() != 0) {
                    csv.printRecord(document.issuedOn(), document.kind().name(), document.number(), credits,
                            document.orderId(), SpreadsheetText.cell(content.buyer().name()), "ROUNDING", null, null, null, amount(0, credit),
                            amount(0, credit), amount(content.roundingCents(), credit), content.currency(), null, null);
                }
            }
            jdbc.sql("""
                            select received_on, kind, order_id, method, amount_cents, currency, reference, cheque_number,
                                   external_id
                            from membership_payment where tenant_id = ? and received_on between ? and ?
                            order by received_on, recorded_at""")
                    .params(tenant.value(), from, to)
                    .query(rs -> {
                        try {
                            boolean refund = rs.getString("kind").equals("REFUND");
                            String reference = rs.getString("reference");
                            if (rs.getString("cheque_number") != null) {
                                reference = (reference == null ? "" : reference + " ") + rs.getString("cheque_number");
                            }
                            if (reference == null) {
                                reference = rs.getString("external_id");
                            }
                            csv.printRecord(rs.getDate("received_on").toLocalDate(), rs.getString("kind"), null, null,
                                    rs.getObject("order_id", UUID.class), null, null, null, null, null, null, null,
                                    amount(rs.getLong("amount_cents"), refund), rs.getString("currency"),
                                    rs.getString("method"), SpreadsheetText.cell(reference));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each line's share of its rate's VAT, pro rata to the nets, the last line of a rate taking the rounding. */
    static List<Long> lineVat(InvoiceContent content) {
        List<Long> shares = new ArrayList<>();
        for (int i = 0; i < content.lines().size(); i++) {
            var line = content.lines().get(i);
            var rate = content.vat().stream().filter(v -> v.rateBasisPoints() == line.vatRateBasisPoints()).findFirst();
            if (rate.isEmpty() || rate.get().netCents() == 0) {
                shares.add(0L);
                continue;
            }
            long given = 0;
            boolean last = true;
            for (int j = 0; j < content.lines().size(); j++) {
                var other = content.lines().get(j);
                if (other.vatRateBasisPoints() != line.vatRateBasisPoints()) {
                    continue;
                }
                if (j < i) {
                    given += share(other.netCents(), rate.get());
                } else if (j > i) {
                    last = false;
                }
            }
            shares.add(last ? rate.get().vatCents() - given : share(line.netCents(), rate.get()));
        }
        return shares;
    }

    private static long share(long net, InvoiceContent.VatLine rate) {
        return BigDecimal.valueOf(rate.vatCents()).multiply(BigDecimal.valueOf(net))
                .divide(BigDecimal.valueOf(rate.netCents()), 0, RoundingMode.HALF_UP).longValue();
    }

    private static String amount(long cents, boolean negative) {
        return BigDecimal.valueOf(negative ? -cents : cents, 2).toPlainString();
    }
}
