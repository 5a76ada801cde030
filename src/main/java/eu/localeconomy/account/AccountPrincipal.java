package eu.localeconomy.account;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.security.core.AuthenticatedPrincipal;

import java.util.UUID;

/**
 * The logged-in person, as kept in the (database-stored) session. It holds no e-mail address or other personal data
 * beyond the display name; its name is the user id, which is what Spring Session indexes sessions by.
 */
public record AccountPrincipal(UserId userId, TenantId tenantId, String tenantSlug, String displayName, Role role,
                               Language language) implements Actor, AuthenticatedPrincipal {

    @Override
    public String getName() {
        return userId.toString();
    }

    @Override
    public Kind actorKind() {
        return Kind.USER;
    }

    @Override
    public UUID actorId() {
        return userId.value();
    }

    public AccountPrincipal withLanguage(Language newLanguage) {
        return new AccountPrincipal(userId, tenantId, tenantSlug, displayName, role, newLanguage);
    }

    public String homePath() {
        return role.homePath(tenantSlug);
    }

    /** Path prefix of this person's account pages. */
    public String accountPath() {
        return tenantSlug == null ? "/account" : "/t/" + tenantSlug + "/account";
    }
}
