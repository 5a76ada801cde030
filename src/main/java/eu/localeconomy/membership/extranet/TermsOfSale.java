package eu.localeconomy.membership.extranet;

import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/** The tenant's versioned terms of sale and who accepted which version when. Ordering needs the current one accepted. */
@Service
public class TermsOfSale {

    /** The latest published version; none means no professional can order yet. */
    public Optional<TermsVersion> current(TenantId tenant) {
        throw new UnsupportedOperationException("access helper");
    }

    /** Records the acceptance of this version by this account (idempotent); returns the acceptance's id. */
    public UUID accept(TenantId tenant, UserId account, UUID termsVersion) {
        throw new UnsupportedOperationException("access helper");
    }

    public boolean hasAcceptedCurrent(TenantId tenant, UserId account) {
        throw new UnsupportedOperationException("access helper");
    }
}
