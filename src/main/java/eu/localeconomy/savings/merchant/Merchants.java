package eu.localeconomy.savings.merchant;

import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/** The merchants taking part in a municipality's savings programmes, and who works for them. */
@Service
public class Merchants {

    public enum Category { SHOP, CAFE, RESTAURANT, OTHER }

    public enum Status { APPLIED, APPROVED, SUSPENDED, REJECTED }

    public enum StaffRole { OWNER, CASHIER }

    /** A merchant as the rest of the savings module needs it. */
    public record Merchant(UUID id, TenantId tenant, String businessName, Category category, Status status,
                           String postcode, String municipality) {

        /** Only an approved merchant may scan cards and accept vouchers. */
        public boolean mayTrade() {
            return status == Status.APPROVED;
        }
    }

    /** The merchant an account works for, and as what. */
    public record Membership(UUID merchantId, StaffRole role) {
    }

    public Optional<Merchant> find(TenantId tenant, UUID merchantId) {
        throw new UnsupportedOperationException("merchants not implemented yet");
    }

    /** The merchant a staff account (owner or cashier) works for. */
    public Optional<Membership> membershipOf(TenantId tenant, UserId account) {
        throw new UnsupportedOperationException("merchants not implemented yet");
    }
}
