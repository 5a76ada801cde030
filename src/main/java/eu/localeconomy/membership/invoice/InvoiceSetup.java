package eu.localeconomy.membership.invoice;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.identifier.ApeCode;
import eu.localeconomy.identifier.FrenchVatNumber;
import eu.localeconomy.identifier.InvalidIdentifierException;
import eu.localeconomy.identifier.Siren;
import eu.localeconomy.identifier.Siret;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tenant's invoice settings: the seller's mentions and texts (validated: SIREN, SIRET, APE code and VAT number
 * with {@code identifier.*}, the SIRET and VAT number belonging to the SIREN), the numbering formats, when invoices
 * are issued, and the logo and bank-details images (PNG or JPEG up to 1 MB, read with ImageIO).
 */
@Service
public class InvoiceSetup {

    public static final int MAX_IMAGE_BYTES = 1024 * 1024;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final InvoiceStore store;
    private final AuditLog audit;
    private final Clock clock;

    InvoiceSetup(InvoiceStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public InvoiceSettings settings(TenantId tenant) {
        return store.settings(tenant).orElseGet(InvoiceSettings::none);
    }

    /** Whether the tenant saved its settings once (the form then starts from them, else from suggested texts). */
    public boolean saved(TenantId tenant) {
        return store.settings(tenant).isPresent();
    }

    /** Validates and saves; InvoiceException names the field and what is wrong. Returns what was stored (normalised). */
    @Transactional
    public InvoiceSettings save(TenantId tenant, InvoiceSettings settings, Actor actor) {
        InvoiceSettings clean = validate(settings);
        store.saveSettings(tenant, clean, actor == null ? null : actor.actorId(), clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issueAt", clean.issueAt().name());
        details.put("vatRegime", clean.vatRegime().name());
        details.put("invoiceFormat", clean.invoiceFormat());
        details.put("creditNoteFormat", clean.creditNoteFormat());
        audit.record(actor, tenant, "membership.invoice.settings.saved", "membership_invoice_settings", tenant.value(), details);
        return clean;
    }

    /** Checks and normalises settings without saving them. */
    public InvoiceSettings validate(InvoiceSettings s) {
        String siren = blank(s.siren()) ? null : identifier("siren", () -> Siren.parse(s.siren()).value());
        String siret = blank(s.siret()) ? null : identifier("siret", () -> Siret.parse(s.siret()).value());
        String ape = blank(s.apeCode()) ? null : identifier("apeCode", () -> ApeCode.parse(s.apeCode()).value());
        String vat = blank(s.vatNumber()) ? null : identifier("vatNumber", () -> FrenchVatNumber.parse(s.vatNumber()).value());
        if (siren != null && siret != null && !siret.startsWith(siren)) {
            throw new InvoiceException("siret", "invoice.settings.siretNotSiren");
        }
        String company = siren != null ? siren : siret != null ? siret.substring(0, 9) : null;
        if (vat != null && company != null && !vat.endsWith(company)) {
            throw new InvoiceException("vatNumber", "invoice.settings.vatNotSiren");
        }
        String country = blank(s.country()) ? "FR" : s.country().trim().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            throw new InvoiceException("country", "invoice.settings.country");
        }
        if (!blank(s.referentEmail()) && !EMAIL.matcher(s.referentEmail().trim()).matches()) {
            throw new InvoiceException("referentEmail", "invoice.settings.email");
        }
        var regime = s.vatRegime() == null ? InvoiceSettings.VatRegime.STANDARD : s.vatRegime();
        if (regime == InvoiceSettings.VatRegime.EXEMPT && blank(s.vatExemptionText())) {
            throw new InvoiceException("vatExemptionText", "invoice.settings.exemptionRequired");
        }
        InvoiceNumberFormat invoiceFormat = InvoiceNumberFormat.parse(s.invoiceFormat(), "invoiceFormat");
        InvoiceNumberFormat creditFormat = InvoiceNumberFormat.parse(s.creditNoteFormat(), "creditNoteFormat");
        String invoicePrefix = InvoiceNumberFormat.checkPrefix(s.invoicePrefix(), "invoicePrefix");
        String creditPrefix = InvoiceNumberFormat.checkPrefix(s.creditNotePrefix(), "creditNotePrefix");
        // Two series must never give the same number: their fixed text must differ.
        if (example(invoiceFormat, invoicePrefix).equals(example(creditFormat, creditPrefix))) {
            throw new InvoiceException("creditNoteFormat", "invoice.settings.sameSeries");
        }
        return new InvoiceSettings(text(s.legalName(), 200, "legalName"), text(s.legalForm(), 100, "legalForm"),
                text(s.street(), 300, "street"), text(s.postcode(), 20, "postcode"), text(s.city(), 100, "city"),
                country, siren, siret, ape, vat, regime, text(s.vatExemptionText(), 300, "vatExemptionText"),
                text(s.referentName(), 140, "referentName"), text(s.referentEmail(), 254, "referentEmail"),
                text(s.referentPhone(), 40, "referentPhone"), text(s.bankDetails(), 1000, "bankDetails"),
                text(s.paymentTerms(), 1000, "paymentTerms"), text(s.earlyPaymentText(), 500, "earlyPaymentText"),
                text(s.latePenaltyText(), 1000, "latePenaltyText"),
                text(s.recoveryIndemnityText(), 500, "recoveryIndemnityText"), text(s.footer(), 1000, "footer"),
                s.issueAt() == null ? InvoiceSettings.IssueAt.PAYMENT : s.issueAt(),
                invoiceFormat.format(), invoicePrefix, creditFormat.format(), creditPrefix);
    }

    private static String example(InvoiceNumberFormat format, String prefix) {
        return format.render(prefix, LocalDate.of(2000, 1, 1), 2000, 1);
    }

    /**
     * The number the next document of this series would get today with this format (the settings page's live
     * example); nothing is taken. InvoiceException when the format is refused.
     */
    public String nextNumber(TenantId tenant, InvoiceDocument.Kind kind, String format, String prefix, LocalDate today,
                             Integer season) {
        InvoiceNumberFormat parsed = InvoiceNumberFormat.parse(format, kind == InvoiceDocument.Kind.INVOICE
                ? "invoiceFormat" : "creditNoteFormat");
        String cleanPrefix = InvoiceNumberFormat.checkPrefix(prefix, kind == InvoiceDocument.Kind.INVOICE
                ? "invoicePrefix" : "creditNotePrefix");
        String number = parsed.render(cleanPrefix, today, season, store.peekCounter(tenant, kind, parsed.periodOf(today)));
        if (number.length() > InvoiceNumberFormat.MAX_NUMBER_LENGTH) {
            throw new InvoiceException(kind == InvoiceDocument.Kind.INVOICE ? "invoiceFormat" : "creditNoteFormat",
                    "invoice.format.tooLong", InvoiceNumberFormat.MAX_NUMBER_LENGTH);
        }
        return number;
    }

    public Optional<InvoiceImage> image(TenantId tenant, InvoiceImage.Kind kind) {
        return store.image(tenant, kind);
    }

    /** Saves a PNG or JPEG of at most 1 MB (checked by reading it); null removes the image. */
    @Transactional
    public void saveImage(TenantId tenant, InvoiceImage.Kind kind, byte[] bytes, Actor actor) {
        String field = kind == InvoiceImage.Kind.LOGO ? "logo" : "bankImage";
        InvoiceImage image = null;
        if (bytes != null && bytes.length > 0) {
            if (bytes.length > MAX_IMAGE_BYTES) {
                throw new InvoiceException(field, "invoice.settings.imageTooLarge");
            }
            image = new InvoiceImage(bytes, imageType(bytes, field));
        }
        store.saveImage(tenant, kind, image, clock.instant());
        audit.record(actor, tenant, image == null ? "membership.invoice.image.removed" : "membership.invoice.image.saved",
                "membership_invoice_settings", tenant.value(), Map.of("image", kind.name()));
    }

    private static String imageType(byte[] bytes, String field) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvoiceException(field, "invoice.settings.imageType");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                String type = switch (format) {
                    case "png" -> "image/png";
                    case "jpeg", "jpg" -> "image/jpeg";
                    default -> throw new InvoiceException(field, "invoice.settings.imageType");
                };
                reader.setInput(in);
                // Decoding the whole image proves it is one (a renamed file or a truncated upload fails here).
                var decoded = reader.read(0);
                if (decoded.getWidth() < 1 || decoded.getHeight() < 1 || decoded.getWidth() > 4000 || decoded.getHeight() > 4000) {
                    throw new InvoiceException(field, "invoice.settings.imageSize");
                }
                return type;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvoiceException refused) {
                throw refused;
            }
            throw new InvoiceException(field, "invoice.settings.imageType");
        }
    }

    private static String identifier(String field, java.util.function.Supplier<String> parse) {
        try {
            return parse.get();
        } catch (InvalidIdentifierException e) {
            throw new InvoiceException(field, "invoice.settings.invalid." + field);
        }
    }

    private static String text(String value, int max, String field) {
        if (blank(value)) {
            return null;
        }
        String t = value.strip();
        if (t.length() > max) {
            throw new InvoiceException(field, "invoice.settings.tooLong", max);
        }
        return t;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
