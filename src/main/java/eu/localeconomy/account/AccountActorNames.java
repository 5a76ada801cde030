package eu.localeconomy.account;

import eu.localeconomy.shared.ActorNames;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Component
class AccountActorNames implements ActorNames {

    private final JdbcClient jdbc;

    AccountActorNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, String> namesOf(TenantId tenant, Collection<UUID> actorIds) {
        Map<UUID, String> names = new HashMap<>();
        if (actorIds.isEmpty()) {
            return names;
        }
        jdbc.sql("select id, display_name from user_account where tenant_id = :tenant and id in (:ids)")
                .param("tenant", tenant.value()).param("ids", actorIds)
                .query(rs -> {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return names;
    }
}
