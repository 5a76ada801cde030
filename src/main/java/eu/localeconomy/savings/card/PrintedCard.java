package eu.localeconomy.savings.card;

import eu.localeconomy.shared.Language;

import java.util.List;
import java.util.UUID;

/**
 * One card as the print run needs it: the face (holder's name, number, QR) and where it is mailed. Second-home
 * owners may live abroad: the address is then their postal address with its country.
 */
record PrintedCard(UUID cardId, CardNumber number, String holderName, String addressee, List<String> addressLines,
                   String postcode, String city, String country, String category, Language language, String qrUrl) {
}
