package eu.localeconomy.support;

import eu.localeconomy.identifier.EnterpriseNumber;
import eu.localeconomy.identifier.Iban;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Merchants for tests, created through the merchant service as an import would create them. */
@Component
public class MerchantFixtures {

    /** Valid Belgian test numbers: enterprise 0403.019.261, IBANs with correct check digits. */
    public static final String ENTERPRISE = "0403019261";
    public static final String IBAN = "BE68539007547034";
    public static final String OTHER_IBAN = "BE71096123456769";

    private final Merchants merchants;

    MerchantFixtures(Merchants merchants) {
        this.merchants = merchants;
    }

    public static Merchants.Draft draft(String businessName) {
        return new Merchants.Draft(businessName, EnterpriseNumber.parse(ENTERPRISE), Merchants.Category.SHOP,
                Iban.parse(IBAN),
                new Merchants.Address("Grote Markt", "1", null, "9000", "Gent", null, null),
                new Merchants.Contact("An Peeters", "shop@example.test", "+32 9 123 45 67", null, "nl"));
    }

    /** An approved merchant: may scan cards and accept vouchers. */
    public UUID approvedMerchant(TenantId tenant, String businessName) {
        return merchants.create(tenant, draft(businessName), Merchants.Status.APPROVED, Actor.SYSTEM, "test");
    }

    public UUID appliedMerchant(TenantId tenant, String businessName) {
        return merchants.create(tenant, draft(businessName), Merchants.Status.APPLIED, Actor.SYSTEM, "test");
    }
}
