package eu.localeconomy.savings.merchant;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;

import java.util.UUID;

/** An actor named by its user id, for audit records made where only the id is passed in. */
record AuditLogActor(UUID actorId, TenantId tenantId) implements Actor {

    static Actor of(UserId user, TenantId tenant) {
        return user == null ? Actor.SYSTEM : new AuditLogActor(user.value(), tenant);
    }

    @Override
    public Kind actorKind() {
        return Kind.USER;
    }
}
