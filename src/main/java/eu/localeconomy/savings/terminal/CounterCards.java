package eu.localeconomy.savings.terminal;

import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.card.CardTokens;
import eu.localeconomy.savings.card.Cards;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Finds the card a counter means: a printed number as typed, a bare QR token, or the whole URL a QR code holds
 * ({@code …/t/{slug}/c/{token}}). A token only verifies for the tenant it was made for, so another tenant's card is
 * simply unknown here.
 */
@Component
class CounterCards {

    private static final Pattern QR_URL = Pattern.compile(".*/t/[^/]+/c/([A-Za-z0-9_-]{38})/?(?:[?#].*)?$");

    private final Cards cards;
    private final CardTokens tokens;
    private final JdbcClient jdbc;

    CounterCards(Cards cards, CardTokens tokens, JdbcClient jdbc) {
        this.cards = cards;
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    Optional<Cards.Card> resolve(TenantId tenant, String reference) {
        if (reference == null || reference.isBlank() || reference.length() > 300) {
            return Optional.empty();
        }
        String ref = reference.strip();
        var url = QR_URL.matcher(ref);
        String token = url.matches() ? url.group(1) : ref.length() == 38 ? ref : null;
        if (token != null) {
            Optional<UUID> id = tokens.verify(tenant, token);
            if (id.isPresent()) {
                return cards.find(tenant, id.get());
            }
        }
        return CardNumber.parse(ref).flatMap(number -> cards.findByNumber(tenant, number));
    }

    /** The card's category and the programme's counter limits, which the card record does not carry. */
    record Terms(UUID categoryId, Long maxPurchaseCents, Long maxDailyPurchaseCents, int reversalWindowMinutes) {
    }

    Optional<Terms> terms(TenantId tenant, UUID cardId) {
        return jdbc.sql("""
                        select h.category_id, p.max_purchase_cents, p.max_daily_purchase_cents, p.reversal_window_minutes
                        from savings_card c
                        join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                        join savings_programme p on p.tenant_id = c.tenant_id and p.id = c.programme_id
                        where c.tenant_id = ? and c.id = ?""")
                .params(tenant.value(), cardId)
                .query((rs, n) -> new Terms(rs.getObject(1, UUID.class), (Long) rs.getObject(2, Long.class),
                        (Long) rs.getObject(3, Long.class), rs.getInt(4)))
                .optional();
    }
}
