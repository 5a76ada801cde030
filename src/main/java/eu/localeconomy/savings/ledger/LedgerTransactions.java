package eu.localeconomy.savings.ledger;

import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Reading the ledger's transactions: lists with filters and totals for the counter, the merchant portal and the city. */
@Service
public class LedgerTransactions {

    /**
     * Every field is optional (null or empty: no filter). Dates are business dates, both inclusive.
     */
    public record Filter(UUID merchantId, UUID cardId, LocalDate from, LocalDate to, Set<TransactionKind> kinds,
                         UUID deviceId, UserId cashier) {

        public static Filter ofMerchant(UUID merchantId) {
            return new Filter(merchantId, null, null, null, Set.of(), null, null);
        }
    }

    /**
     * One transaction as listed.
     *
     * @param compensated for EARN and REDEEM: the total reversed or corrected so far
     */
    public record Line(UUID id, TransactionKind kind, Instant at, LocalDate businessDate, UUID cardId,
                       String cardNumber, UUID merchantId, String merchantName, UUID deviceId, String deviceName,
                       UserId cashierId, String cashierName, Money purchase, Money amount, boolean capped,
                       UUID reversesId, Money compensated, String reason) {
    }

    /**
     * Totals over a filter: purchases registered, credit earned, vouchers redeemed, compensations, and what the city
     * owes the merchant for vouchers redeemed (redeemed minus compensated redemptions).
     */
    public record Totals(long count, Money purchases, Money earned, Money redeemed, Money compensated,
                         Money owedToMerchant) {
    }

    /** Newest first. */
    public List<Line> search(TenantId tenant, Filter filter, int offset, int limit) {
        throw new UnsupportedOperationException("ledger not implemented yet");
    }

    public Totals totals(TenantId tenant, Filter filter) {
        throw new UnsupportedOperationException("ledger not implemented yet");
    }

    /** Every matching line, oldest first, without holding them all in memory (exports). */
    public void forEach(TenantId tenant, Filter filter, Consumer<Line> consumer) {
        throw new UnsupportedOperationException("ledger not implemented yet");
    }
}
