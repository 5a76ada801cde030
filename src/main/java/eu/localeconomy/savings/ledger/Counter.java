package eu.localeconomy.savings.ledger;

import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;

import java.util.Objects;
import java.util.UUID;

/**
 * Who stands at the counter when a card is scanned: the merchant, the device that scanned and, when a person is
 * logged in on it, the cashier. A cash register using the API has a device but no cashier.
 */
public record Counter(TenantId tenant, UUID merchantId, UUID deviceId, UserId cashier) {

    public Counter {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(merchantId, "merchant");
    }
}
