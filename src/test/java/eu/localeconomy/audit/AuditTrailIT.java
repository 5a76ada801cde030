package eu.localeconomy.audit;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AuditTrailIT {

    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;
    @Autowired TestTenants fixtures;
    @Autowired MockMvc mvc;

    @Test
    void theApplicationsDatabaseRoleCannotRewriteHistory() {
        var tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        audit.record(Actor.SYSTEM, tenant.id(), "test.event", "thing", "42", Map.of("n", 1));
        assertThatThrownBy(() -> jdbc.sql("update audit_event set action = 'forged' where tenant_id = ?")
                .param(tenant.id().value()).update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where tenant_id = ?")
                .param(tenant.id().value()).update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update()).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'test.event'")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void administratorsSearchTheirOwnTenantsTrailAndOthersCannot() throws Exception {
        var tenant = fixtures.tenant(TenantKind.TOURISM_OFFICE);
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        var helpdesk = fixtures.person(tenant, Role.HELPDESK);
        audit.record(admin.principal(), tenant.id(), "staff.role.changed", "user", helpdesk.principal().userId(), Map.of());
        audit.record(Actor.SYSTEM, tenant.id(), "tenant.settings.updated", "tenant", tenant.id(), Map.of());

        String filtered = mvc.perform(get("/t/" + tenant.slug() + "/office/audit").param("action", "staff.role.changed")
                        .with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(filtered).contains("HELPDESK of " + tenant.slug()).contains("TENANT_ADMIN of " + tenant.slug())
                .doesNotContain(">" + tenant.id() + "<");

        mvc.perform(get("/t/" + tenant.slug() + "/office/audit").with(authentication(helpdesk.authentication())))
                .andExpect(status().isForbidden());
        mvc.perform(get("/t/" + tenant.slug() + "/office/audit").param("from", "not-a-date")
                .with(authentication(admin.authentication()))).andExpect(status().is4xxClientError());
    }
}
