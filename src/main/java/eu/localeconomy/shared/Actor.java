package eu.localeconomy.shared;

import java.io.Serializable;
import java.util.UUID;

/**
 * Who acts: implemented by the authenticated principals (people and API clients) so that modules such as the audit
 * log can tell who did something without knowing how they logged in.
 */
public interface Actor extends Serializable {

    enum Kind { USER, API_TOKEN, SYSTEM, ANONYMOUS }

    Kind actorKind();

    /** Id of the user account or API token; null for the system and anonymous visitors. */
    UUID actorId();

    /** Tenant the actor belongs to; null for platform administrators, the system and anonymous visitors. */
    TenantId tenantId();

    Actor SYSTEM = new Fixed(Kind.SYSTEM);
    Actor ANONYMOUS = new Fixed(Kind.ANONYMOUS);

    record Fixed(Kind actorKind) implements Actor {
        @Override
        public UUID actorId() {
            return null;
        }

        @Override
        public TenantId tenantId() {
            return null;
        }
    }
}
