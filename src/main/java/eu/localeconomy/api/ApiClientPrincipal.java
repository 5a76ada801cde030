package eu.localeconomy.api;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;

import java.util.Set;
import java.util.UUID;

/** A machine client authenticated by an API token; it acts for exactly one tenant. */
public record ApiClientPrincipal(UUID tokenId, TenantId tenantId, String name, Set<ApiScope> scopes) implements Actor {

    @Override
    public Kind actorKind() {
        return Kind.API_TOKEN;
    }

    @Override
    public UUID actorId() {
        return tokenId;
    }
}
