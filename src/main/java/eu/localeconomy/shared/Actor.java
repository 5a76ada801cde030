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

    /** The account of a person acting (for columns that name an account); null for tokens, the system, visitors. */
    static UUID accountOf(Actor actor) {
        return actor != null && actor.actorKind() == Kind.USER ? actor.actorId() : null;
    }

    /**
     * A person named by their account id, where only the id is at hand (an event, a service called with an id); the
     * system when there is none.
     */
    static Actor user(UserId user, TenantId tenant) {
        return user == null ? SYSTEM : new User(user.value(), tenant);
    }

    record User(UUID actorId, TenantId tenantId) implements Actor {
        @Override
        public Kind actorKind() {
            return Kind.USER;
        }
    }

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
