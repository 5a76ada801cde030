package eu.localeconomy.shared;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Display names of actors, for screens that list who did what (the audit trail) without depending on the module
 * that owns the accounts.
 */
public interface ActorNames {

    Map<UUID, String> namesOf(TenantId tenant, Collection<UUID> actorIds);
}
