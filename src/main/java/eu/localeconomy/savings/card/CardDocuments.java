package eu.localeconomy.savings.card;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;

import java.util.UUID;

/** A card as documents for its holder: the digital card PDF and the QR code shown on a phone at the counter. */
public interface CardDocuments {

    /** The digital card: an A4 page with instructions and a credit-card-size card with name, QR and number. */
    byte[] digitalCardPdf(TenantId tenant, UUID cardId, Language language);

    /** The card's QR code (the signed enrolment URL) as standalone SVG markup, sized by the page that shows it. */
    String qrSvg(TenantId tenant, UUID cardId);
}
