package eu.localeconomy.savings.merchant;

import eu.localeconomy.shared.CsvText;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The city imports merchants it already knows from a spreadsheet (CSV, semicolon or comma). Columns are found by
 * their header in Dutch, French or English, in any order. Every row is checked with the same rules as the public
 * form; the report lists each rejected row with its messages.
 * <p>
 * Idempotent: a row whose enterprise number, postcode and business name (case and spacing ignored) match a merchant
 * already there is skipped, so the same file imported twice creates nothing the second time. The enterprise number
 * alone is not a key: one enterprise may run several shops.
 */
@Service
class MerchantImport {

    /** Far more merchants than a municipality has; a bigger file is a mistake (a register export, say). */
    static final int MAX_ROWS = 10_000;

    /** The merchant fields a column can fill, with the headers that name them (compared without case or accents). */
    enum Column {
        BUSINESS_NAME("businessName", true, "name", "business name", "business", "naam", "handelsnaam", "naam zaak",
                "nom", "nom commercial", "denomination", "commerce"),
        ENTERPRISE_NUMBER("enterpriseNumber", true, "enterprise number", "enterprise", "company number", "kbo",
                "kbo nummer", "ondernemingsnummer", "btw", "btw nummer", "vat", "bce", "numero d entreprise",
                "numero entreprise", "tva"),
        CATEGORY("category", true, "category", "categorie", "type", "soort"),
        IBAN("iban", true, "iban", "bank account", "account", "rekeningnummer", "rekening", "compte", "compte bancaire"),
        STREET("street", true, "street", "straat", "rue", "adresse", "address"),
        HOUSE_NUMBER("houseNumber", true, "number", "house number", "nr", "no", "huisnummer", "nummer", "numero", "n"),
        BOX("box", false, "box", "bus", "boite"),
        POSTCODE("postcode", true, "postcode", "postal code", "zip", "code postal", "cp"),
        MUNICIPALITY("municipality", true, "municipality", "city", "town", "gemeente", "stad", "commune", "localite",
                "ville"),
        LATITUDE("latitude", false, "latitude", "lat", "breedtegraad"),
        LONGITUDE("longitude", false, "longitude", "lon", "lng", "long", "lengtegraad"),
        CONTACT_NAME("contactName", true, "contact", "contact name", "contact person", "contactpersoon",
                "personne de contact", "nom du contact"),
        CONTACT_EMAIL("contactEmail", true, "email", "e mail", "contact email", "mail", "courriel", "e mailadres",
                "emailadres", "adresse e mail"),
        CONTACT_PHONE("contactPhone", false, "phone", "telephone", "telefoon", "tel", "gsm"),
        WEBSITE("website", false, "website", "web", "site", "site web", "url"),
        LANGUAGE("language", false, "language", "taal", "langue");

        final String field;
        final boolean required;
        final Set<String> headers;

        Column(String field, boolean required, String... headers) {
            this.field = field;
            this.required = required;
            this.headers = Set.of(headers);
        }

        public String field() {
            return field;
        }

        public boolean required() {
            return required;
        }

        /** The headers recognised, for the help table. */
        public String headerNames() {
            return String.join(", ", new java.util.TreeSet<>(headers));
        }
    }

    /** A row that was not imported: its spreadsheet line (header = 1) and why, as message codes with arguments. */
    record RejectedRow(long line, String businessName, List<DefaultMessageSourceResolvable> messages) {
    }

    /** What an import did. {@code unreadable} is a message key when the file could not be read at all. */
    record Report(int created, int skipped, List<RejectedRow> rejected, Map<Column, String> mapping,
                  List<Column> missing, String unreadable, String charset, char delimiter) {

        static Report unreadable(String key) {
            return new Report(0, 0, List.of(), Map.of(), List.of(), key, null, ';');
        }

        int rows() {
            return created + skipped + rejected.size();
        }
    }

    private final Merchants merchants;
    private final AuditLog audit;

    MerchantImport(Merchants merchants, AuditLog audit) {
        this.merchants = merchants;
        this.audit = audit;
    }

    /**
     * Imports every valid row, in one transaction, as APPROVED or APPLIED. A file missing a required column imports
     * nothing.
     */
    @Transactional
    Report run(TenantId tenant, byte[] content, Merchants.Status status, String language, Actor actor) {
        String text;
        Charset charset;
        try {
            CsvText.Decoded decoded = CsvText.decode(content);
            text = decoded.text();
            charset = decoded.charset();
        } catch (CsvText.UnreadableTextException e) {
            return Report.unreadable("merchant.import.error.unreadable");
        }
        if (text.isBlank()) {
            return Report.unreadable("merchant.import.error.empty");
        }
        char delimiter = CsvText.delimiter(text);
        CSVFormat format = CsvText.format(delimiter);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return Report.unreadable("merchant.import.error.malformed");
        }
        if (records.size() < 2) {
            return Report.unreadable("merchant.import.error.empty");
        }
        if (records.size() > MAX_ROWS + 1) {
            return Report.unreadable("merchant.import.error.tooMany");
        }
        Map<Column, Integer> positions = mapHeader(records.getFirst().toList());
        Map<Column, String> mapping = new LinkedHashMap<>();
        positions.forEach((c, i) -> mapping.put(c, records.getFirst().get(i)));
        List<Column> missing = new ArrayList<>();
        for (Column c : Column.values()) {
            if (c.required && !positions.containsKey(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            return new Report(0, 0, List.of(), mapping, missing, null, charset.name(), delimiter);
        }
        Set<String> known = new HashSet<>(merchants.importKeys(tenant));
        int created = 0;
        int skipped = 0;
        List<RejectedRow> rejected = new ArrayList<>();
        for (CSVRecord record : records.subList(1, records.size())) {
            long line = record.getRecordNumber();
            MerchantForm form = form(record, positions, language);
            var errors = new BeanPropertyBindingResult(form, "form");
            Optional<Merchants.Draft> draft = MerchantRules.check(form, errors);
            if (draft.isEmpty()) {
                rejected.add(new RejectedRow(line, form.businessName(), errors.getFieldErrors().stream()
                        .map(MerchantImport::describe).toList()));
                continue;
            }
            String key = Merchants.importKey(draft.get().enterpriseNumber().value(), draft.get().address().postcode(),
                    draft.get().businessName());
            if (!known.add(key)) {
                skipped++;
                continue;
            }
            merchants.create(tenant, draft.get(), status, actor, "import");
            created++;
        }
        audit.record(actor, tenant, "merchant.import", "savings_merchant", null,
                Map.of("created", created, "skipped", skipped, "rejected", rejected.size(), "status", status));
        return new Report(created, skipped, rejected, mapping, List.of(), null, charset.name(), delimiter);
    }

    /** A field error as "<field label>: <message>", both translated where the page shows it. */
    private static DefaultMessageSourceResolvable describe(FieldError error) {
        return new DefaultMessageSourceResolvable(new String[]{"merchant.import.rowError"},
                new Object[]{new DefaultMessageSourceResolvable("merchant.field." + error.getField()),
                        new DefaultMessageSourceResolvable(error.getCodes(), error.getArguments(), error.getCode())});
    }

    static Map<Column, Integer> mapHeader(List<String> header) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            String name = normalised(header.get(i));
            for (Column c : Column.values()) {
                if (!positions.containsKey(c) && (c.headers.contains(name) || normalised(c.field).equals(name))) {
                    positions.put(c, i);
                    break;
                }
            }
        }
        return positions;
    }

    private static MerchantForm form(CSVRecord record, Map<Column, Integer> positions, String defaultLanguage) {
        String language = value(record, positions, Column.LANGUAGE);
        return new MerchantForm(value(record, positions, Column.BUSINESS_NAME),
                value(record, positions, Column.ENTERPRISE_NUMBER),
                category(value(record, positions, Column.CATEGORY)), value(record, positions, Column.IBAN),
                value(record, positions, Column.STREET), value(record, positions, Column.HOUSE_NUMBER),
                value(record, positions, Column.BOX), value(record, positions, Column.POSTCODE),
                value(record, positions, Column.MUNICIPALITY), value(record, positions, Column.LATITUDE),
                value(record, positions, Column.LONGITUDE), value(record, positions, Column.CONTACT_NAME),
                value(record, positions, Column.CONTACT_EMAIL), value(record, positions, Column.CONTACT_PHONE),
                value(record, positions, Column.WEBSITE),
                language.isBlank() ? defaultLanguage : language(language));
    }

    /** Categories as a city writes them in its own language. */
    static String category(String value) {
        return switch (normalised(value)) {
            case "shop", "winkel", "magasin", "handel", "commerce", "boutique" -> "SHOP";
            case "cafe", "bar", "cafe bar" -> "CAFE";
            case "restaurant", "resto", "eethuis" -> "RESTAURANT";
            case "other", "andere", "autre", "overige" -> "OTHER";
            default -> value;
        };
    }

    private static String language(String value) {
        return switch (normalised(value)) {
            case "nl", "nederlands", "dutch", "neerlandais" -> "nl";
            case "fr", "frans", "french", "francais" -> "fr";
            case "en", "engels", "english", "anglais" -> "en";
            default -> value;
        };
    }

    private static String value(CSVRecord record, Map<Column, Integer> positions, Column column) {
        Integer i = positions.get(column);
        return i == null || i >= record.size() ? "" : record.get(i);
    }

    /** Lower case, without accents, punctuation as single spaces: "Numéro d'entreprise" → "numero d entreprise". */
    static String normalised(String s) {
        String stripped = Normalizer.normalize(s == null ? "" : s.replace("\uFEFF", ""), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return stripped.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    /** The delimiter that splits the header line into the most columns, outside quotes; semicolon on a tie. */
}
