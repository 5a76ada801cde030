package eu.localeconomy.membership.invoice;

import eu.localeconomy.membership.invoice.InvoiceSettings.IssueAt;
import eu.localeconomy.membership.invoice.InvoiceSettings.VatRegime;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The invoice tables: settings, series, counters, issued documents and blocked orders. Every query by tenant. */
@Repository
class InvoiceStore {

    /** An issued document's row without its bytes. */
    record Row(UUID id, UUID orderId, InvoiceDocument.Kind kind, String number, LocalDate issuedOn, String source,
               UUID creditedInvoiceId, Money net, Money vat, Money gross, LocalDate dueDate, String language,
               String snapshot, Instant issuedAt) {

        InvoiceDocument document() {
            return new InvoiceDocument(id, orderId, kind, number, issuedOn, gross, creditedInvoiceId);
        }
    }

    /** An order whose invoice is waiting for a mention. */
    record Blocked(UUID orderId, Mention mention, Instant blockedAt) {
    }

    private final JdbcClient jdbc;

    InvoiceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<InvoiceSettings> settings(TenantId tenant) {
        var series = jdbc.sql("select kind, format, prefix from membership_invoice_series where tenant_id = ?")
                .param(tenant.value()).query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
        String[] invoice = series.stream().filter(s -> s[0].equals("INVOICE")).findFirst()
                .orElse(new String[]{"INVOICE", InvoiceSettings.DEFAULT_INVOICE_FORMAT, ""});
        String[] credit = series.stream().filter(s -> s[0].equals("CREDIT_NOTE")).findFirst()
                .orElse(new String[]{"CREDIT_NOTE", InvoiceSettings.DEFAULT_CREDIT_NOTE_FORMAT, ""});
        return jdbc.sql("select * from membership_invoice_settings where tenant_id = ?").param(tenant.value())
                .query((rs, n) -> new InvoiceSettings(rs.getString("legal_name"), rs.getString("legal_form"),
                        rs.getString("street"), rs.getString("postcode"), rs.getString("city"),
                        rs.getString("country"), trim(rs.getString("siren")), trim(rs.getString("siret")),
                        rs.getString("ape_code"), rs.getString("vat_number"),
                        VatRegime.valueOf(rs.getString("vat_regime")), rs.getString("vat_exemption_text"),
                        rs.getString("referent_name"), rs.getString("referent_email"), rs.getString("referent_phone"),
                        rs.getString("bank_details"), rs.getString("payment_terms"),
                        rs.getString("early_payment_text"), rs.getString("late_penalty_text"),
                        rs.getString("recovery_indemnity_text"), rs.getString("footer"),
                        IssueAt.valueOf(rs.getString("issue_at")), invoice[1], invoice[2], credit[1], credit[2]))
                .optional();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    void saveSettings(TenantId tenant, InvoiceSettings s, UUID by, Instant at) {
        jdbc.sql("""
                        insert into membership_invoice_settings (tenant_id, legal_name, legal_form, street, postcode, city,
                            country, siren, siret, ape_code, vat_number, vat_regime, vat_exemption_text, referent_name,
                            referent_email, referent_phone, bank_details, payment_terms, early_payment_text,
                            late_penalty_text, recovery_indemnity_text, footer, issue_at, updated_by, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id) do update set legal_name = excluded.legal_name,
                            legal_form = excluded.legal_form, street = excluded.street, postcode = excluded.postcode,
                            city = excluded.city, country = excluded.country, siren = excluded.siren,
                            siret = excluded.siret, ape_code = excluded.ape_code, vat_number = excluded.vat_number,
                            vat_regime = excluded.vat_regime, vat_exemption_text = excluded.vat_exemption_text,
                            referent_name = excluded.referent_name, referent_email = excluded.referent_email,
                            referent_phone = excluded.referent_phone, bank_details = excluded.bank_details,
                            payment_terms = excluded.payment_terms, early_payment_text = excluded.early_payment_text,
                            late_penalty_text = excluded.late_penalty_text,
                            recovery_indemnity_text = excluded.recovery_indemnity_text, footer = excluded.footer,
                            issue_at = excluded.issue_at, updated_by = excluded.updated_by,
                            updated_at = excluded.updated_at""")
                .params(tenant.value(), s.legalName(), s.legalForm(), s.street(), s.postcode(), s.city(), s.country(),
                        s.siren(), s.siret(), s.apeCode(), s.vatNumber(), s.vatRegime().name(), s.vatExemptionText(),
                        s.referentName(), s.referentEmail(), s.referentPhone(), s.bankDetails(), s.paymentTerms(),
                        s.earlyPaymentText(), s.latePenaltyText(), s.recoveryIndemnityText(), s.footer(),
                        s.issueAt().name(), by, Timestamp.from(at))
                .update();
        series(tenant, InvoiceDocument.Kind.INVOICE, s.invoiceFormat(), s.invoicePrefix(), at);
        series(tenant, InvoiceDocument.Kind.CREDIT_NOTE, s.creditNoteFormat(), s.creditNotePrefix(), at);
    }

    private void series(TenantId tenant, InvoiceDocument.Kind kind, String format, String prefix, Instant at) {
        jdbc.sql("""
                        insert into membership_invoice_series (tenant_id, kind, format, prefix, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (tenant_id, kind) do update set format = excluded.format, prefix = excluded.prefix,
                            updated_at = excluded.updated_at""")
                .params(tenant.value(), kind.name(), format, prefix == null ? "" : prefix, Timestamp.from(at)).update();
    }

    void saveImage(TenantId tenant, InvoiceImage.Kind kind, InvoiceImage image, Instant at) {
        String column = kind == InvoiceImage.Kind.LOGO ? "logo" : "bank_image";
        // Images may be uploaded before the rest of the settings: the row is made with defaults then.
        jdbc.sql("insert into membership_invoice_settings (tenant_id, updated_at) values (?, ?) on conflict do nothing")
                .params(tenant.value(), Timestamp.from(at)).update();
        jdbc.sql("update membership_invoice_settings set " + column + " = ?, " + column + "_type = ?, updated_at = ? "
                        + "where tenant_id = ?")
                .params(image == null ? null : image.bytes(), image == null ? null : image.contentType(),
                        Timestamp.from(at), tenant.value())
                .update();
    }

    Optional<InvoiceImage> image(TenantId tenant, InvoiceImage.Kind kind) {
        String column = kind == InvoiceImage.Kind.LOGO ? "logo" : "bank_image";
        return jdbc.sql("select " + column + ", " + column + "_type from membership_invoice_settings "
                        + "where tenant_id = ? and " + column + " is not null")
                .param(tenant.value()).query((rs, n) -> new InvoiceImage(rs.getBytes(1), rs.getString(2))).optional();
    }

    /**
     * Takes the series' next number in the caller's transaction: the row stays locked until it ends, so concurrent
     * issues queue here and a rollback gives the number back.
     */
    long nextCounter(TenantId tenant, InvoiceDocument.Kind kind, String period) {
        return jdbc.sql("""
                        insert into membership_invoice_counter (tenant_id, kind, period, last_value) values (?, ?, ?, 1)
                        on conflict (tenant_id, kind, period)
                        do update set last_value = membership_invoice_counter.last_value + 1
                        returning last_value""")
                .params(tenant.value(), kind.name(), period).query(Long.class).single();
    }

    /** The value the next number would take (for the settings page's example); nothing is taken. */
    long peekCounter(TenantId tenant, InvoiceDocument.Kind kind, String period) {
        return jdbc.sql("select last_value from membership_invoice_counter where tenant_id = ? and kind = ? and period = ?")
                .params(tenant.value(), kind.name(), period).query(Long.class).optional().orElse(0L) + 1;
    }

    void insert(TenantId tenant, Row row, String currency, LocalDate serviceFrom, LocalDate serviceTo, byte[] pdf,
                String xml, UUID issuedBy) {
        jdbc.sql("""
                        insert into membership_invoice (id, tenant_id, order_id, kind, number, issued_on, source,
                            credited_invoice_id, currency, net_cents, vat_cents, gross_cents, due_date, service_from,
                            service_to, language, snapshot, pdf, xml, issued_by, issued_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)""")
                .params(row.id(), tenant.value(), row.orderId(), row.kind().name(), row.number(), row.issuedOn(),
                        row.source(), row.creditedInvoiceId(), currency, row.net().cents(), row.vat().cents(),
                        row.gross().cents(), row.dueDate(), serviceFrom, serviceTo, row.language(), row.snapshot(),
                        pdf, xml, issuedBy, Timestamp.from(row.issuedAt()))
                .update();
    }

    private static final String COLUMNS = """
            id, order_id, kind, number, issued_on, source, credited_invoice_id, currency, net_cents, vat_cents,
            gross_cents, due_date, language, snapshot::text as snapshot, issued_at""";

    List<Row> ofOrder(TenantId tenant, UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from membership_invoice where tenant_id = ? and order_id = ? "
                        + "order by issued_at, number")
                .params(tenant.value(), orderId).query(InvoiceStore::row).list();
    }

    Optional<Row> bySource(TenantId tenant, UUID orderId, String source) {
        return jdbc.sql("select " + COLUMNS + " from membership_invoice where tenant_id = ? and order_id = ? and source = ?")
                .params(tenant.value(), orderId, source).query(InvoiceStore::row).optional();
    }

    Optional<Row> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from membership_invoice where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(InvoiceStore::row).optional();
    }

    Optional<byte[]> pdf(TenantId tenant, UUID id) {
        return jdbc.sql("select pdf from membership_invoice where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    Optional<String> xml(TenantId tenant, UUID id) {
        return jdbc.sql("select xml from membership_invoice where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(String.class).optional();
    }

    /** Gross already credited on an invoice. */
    long creditedCents(TenantId tenant, UUID invoiceId) {
        return jdbc.sql("select coalesce(sum(gross_cents), 0) from membership_invoice where tenant_id = ? and credited_invoice_id = ?")
                .params(tenant.value(), invoiceId).query(Long.class).single();
    }

    /**
     * Documents of the tenant for the list page, latest first: kind (null = both), issue dates within [from, to]
     * (nulls = open), {@code search} in the number (case-insensitive), at most {@code limit}.
     */
    List<Row> search(TenantId tenant, InvoiceDocument.Kind kind, LocalDate from, LocalDate to, String search, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from membership_invoice where tenant_id = :tenant
                          and (cast(:kind as varchar) is null or kind = :kind)
                          and (cast(:from as date) is null or issued_on >= :from)
                          and (cast(:to as date) is null or issued_on <= :to)
                          and (cast(:search as varchar) is null or number ilike :search)
                        order by issued_at desc, number desc limit :limit""")
                .param("tenant", tenant.value()).param("kind", kind == null ? null : kind.name())
                .param("from", from).param("to", to)
                .param("search", search == null || search.isBlank() ? null
                        : "%" + search.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .param("limit", limit)
                .query(InvoiceStore::row).list();
    }

    /** Documents issued within [from, to], in number order per kind (the accounting export). */
    List<Row> issuedBetween(TenantId tenant, LocalDate from, LocalDate to) {
        return jdbc.sql("select " + COLUMNS + " from membership_invoice where tenant_id = ? and issued_on between ? and ? "
                        + "order by issued_on, kind, number")
                .params(tenant.value(), from, to).query(InvoiceStore::row).list();
    }

    void block(TenantId tenant, UUID orderId, Mention mention, Instant at) {
        jdbc.sql("""
                        insert into membership_invoice_blocked (tenant_id, order_id, mention, blocked_at) values (?, ?, ?, ?)
                        on conflict (tenant_id, order_id) do update set mention = excluded.mention""")
                .params(tenant.value(), orderId, mention.name(), Timestamp.from(at)).update();
    }

    void unblock(TenantId tenant, UUID orderId) {
        jdbc.sql("delete from membership_invoice_blocked where tenant_id = ? and order_id = ?")
                .params(tenant.value(), orderId).update();
    }

    List<Blocked> blocked(TenantId tenant) {
        return jdbc.sql("select order_id, mention, blocked_at from membership_invoice_blocked where tenant_id = ? order by blocked_at")
                .param(tenant.value())
                .query((rs, n) -> new Blocked(rs.getObject(1, UUID.class), Mention.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        java.sql.Date due = rs.getDate("due_date");
        return new Row(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                InvoiceDocument.Kind.valueOf(rs.getString("kind")), rs.getString("number"),
                rs.getDate("issued_on").toLocalDate(), rs.getString("source"),
                rs.getObject("credited_invoice_id", UUID.class), new Money(rs.getLong("net_cents"), currency),
                new Money(rs.getLong("vat_cents"), currency), new Money(rs.getLong("gross_cents"), currency),
                due == null ? null : due.toLocalDate(), rs.getString("language"), rs.getString("snapshot"),
                rs.getTimestamp("issued_at").toInstant());
    }
}
