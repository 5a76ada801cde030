package eu.localeconomy.membership.invoice;

import eu.localeconomy.membership.invoice.InvoiceSettings.VatRegime;
import eu.localeconomy.shared.Language;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything printed on an invoice, credit note or pro-forma, frozen at issue (stored as the document's snapshot).
 * Amounts in cents of {@code currency}, excluding VAT unless named gross; a credit note's are positive.
 * {@code roundingCents}: added to the total to reach the amount refunded when VAT rounding cannot (EN 16931 BT-114).
 */
record InvoiceContent(Type type, String number, LocalDate issuedOn, String orderReference, Language language,
                      String currency, Party seller, Party buyer, List<Line> lines, List<VatLine> vat, long netCents,
                      long vatCents, long grossCents, long roundingCents, LocalDate dueDate, LocalDate serviceFrom,
                      LocalDate serviceTo, String creditedNumber, LocalDate creditedIssuedOn, Texts texts,
                      Payment payment) {

    enum Type { INVOICE, CREDIT_NOTE, PRO_FORMA }

    /** Seller or buyer. {@code tradeName}: the establishment's name when the buyer's legal name differs. */
    record Party(String name, String tradeName, String legalForm, String street, String postcode, String city,
                 String country, String siren, String siret, String apeCode, String vatNumber, String contactName,
                 String email, String phone) {
    }

    record Line(String code, String designation, int quantity, long unitPriceCents, int vatRateBasisPoints,
                long netCents) {
    }

    record VatLine(int rateBasisPoints, long netCents, long vatCents) {
    }

    record Texts(VatRegime regime, String vatExemption, String paymentTerms, String earlyPayment, String latePenalty,
                 String recoveryIndemnity, String footer, String bankDetails) {
    }

    /** How to pay, as Payments says for the order's method (null fields do not apply). */
    record Payment(String method, long amountDueCents, String accountHolder, String iban, String bic,
                   String creditorReference, String chequePayee, String chequeAddress, String cashInstructions) {
    }

    long payableCents() {
        return grossCents + roundingCents;
    }

    /** The first mandatory mention missing, in the order of {@link Mention}. */
    Optional<Mention> missingMention() {
        for (Mention mention : Mention.values()) {
            if (missing(mention)) {
                return Optional.of(mention);
            }
        }
        return Optional.empty();
    }

    private boolean missing(Mention mention) {
        return switch (mention) {
            case SELLER_NAME -> blank(seller.name());
            case SELLER_LEGAL_FORM -> blank(seller.legalForm());
            case SELLER_ADDRESS -> blank(seller.street()) || blank(seller.postcode()) || blank(seller.city());
            case SELLER_SIREN -> blank(seller.siren()) && blank(seller.siret());
            case SELLER_VAT -> texts.regime() == VatRegime.STANDARD && blank(seller.vatNumber());
            case VAT_EXEMPTION -> texts.regime() == VatRegime.EXEMPT && blank(texts.vatExemption());
            case BUYER_NAME -> blank(buyer.name());
            case BUYER_ADDRESS -> blank(buyer.postcode()) || blank(buyer.city());
            case SERVICE_PERIOD -> serviceFrom == null || serviceTo == null;
            case DESIGNATION -> lines.isEmpty() || lines.stream().anyMatch(l -> blank(l.designation()));
            case QUANTITY -> lines.stream().anyMatch(l -> l.quantity() <= 0);
            case UNIT_PRICE -> lines.stream().anyMatch(l -> l.unitPriceCents() < 0);
            case VAT_PER_RATE -> vat.isEmpty();
            case TOTALS -> netCents + vatCents != grossCents
                    || lines.stream().mapToLong(Line::netCents).sum() != netCents
                    || vat.stream().mapToLong(VatLine::vatCents).sum() != vatCents;
            case DUE_DATE -> dueDate == null;
            case EARLY_PAYMENT -> blank(texts.earlyPayment());
            case LATE_PENALTY -> blank(texts.latePenalty());
            case RECOVERY_INDEMNITY -> blank(texts.recoveryIndemnity());
        };
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
