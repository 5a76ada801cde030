package eu.localeconomy.membership.extranet;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;

import java.util.List;

/** Which establishments a professional's account acts for (linked when they accepted an invitation). */
@Service
public class Professionals {

    public List<EstablishmentId> establishmentsOf(TenantId tenant, UserId account) {
        throw new UnsupportedOperationException("access helper");
    }

    /** Whether this account may see and order for this establishment; every extranet request checks it. */
    public boolean mayActFor(TenantId tenant, UserId account, EstablishmentId establishment) {
        throw new UnsupportedOperationException("access helper");
    }
}
