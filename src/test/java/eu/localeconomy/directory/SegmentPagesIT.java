package eu.localeconomy.directory;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The segment list and builder through MockMvc (the staff read English). */
@IntegrationTest
class SegmentPagesIT {

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired DirectoryFixtures directory;
    @Autowired Segments segments;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    TestTenants.Person admin;
    TestTenants.Person readOnly;
    String base;

    @BeforeEach
    void office() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        admin = tenants.person(tenant, Role.TENANT_ADMIN);
        readOnly = tenants.person(tenant, Role.READ_ONLY);
        base = "/t/" + tenant.slug() + "/office/segments";
        directory.customField(tenant.id(), "partner", FieldType.BOOLEAN, "Partner association");
        directory.establishment(tenant.id(), "Hôtel 4").stars(4).create();
        directory.establishment(tenant.id(), "Hôtel 2").stars(2).create();
        directory.establishment(tenant.id(), "Gîte partenaire").type(EstablishmentType.RENTAL).custom("partner", true).create();
    }

    MockHttpServletRequestBuilder builder(TestTenants.Person who) {
        return post(base + "/builder").with(csrf()).with(authentication(who.authentication()));
    }

    @Test
    void theBuilderCountsLiveWithAGroupAndSaves() throws Exception {
        // hotels of at least 3 stars, or partners: ANY of (group ALL of type, stars) and the partner condition
        var request = builder(admin).header("HX-Request", "true").param("name", "Hotels 3+ or partner")
                .param("junction", "ANY")
                .param("c0.field", "custom.partner").param("c0.op", "EQUALS").param("c0.v", "true")
                .param("g0.junction", "ALL")
                .param("g0.c0.field", "type").param("g0.c0.op", "EQUALS").param("g0.c0.v", "HOTEL")
                .param("g0.c1.field", "classification_value").param("g0.c1.op", "BETWEEN").param("g0.c1.v", "3").param("g0.c1.v2", "");
        mvc.perform(request).andExpect(status().isOk())
                .andExpect(content().string(containsString("2 establishments match.")))
                .andExpect(content().string(containsString("Gîte partenaire")))
                .andExpect(content().string(not(containsString("Hôtel 2<"))));
        mvc.perform(builder(admin).param("name", "Hotels 3+ or partner").param("junction", "ANY")
                        .param("c0.field", "custom.partner").param("c0.op", "EQUALS").param("c0.v", "true")
                        .param("g0.junction", "ALL")
                        .param("g0.c0.field", "type").param("g0.c0.op", "EQUALS").param("g0.c0.v", "HOTEL")
                        .param("g0.c1.field", "classification_value").param("g0.c1.op", "BETWEEN").param("g0.c1.v", "3")
                        .param("action", "save"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "directory.segment.saved"));
        Segment saved = segments.of(tenant.id()).getFirst();
        assertThat(segments.members(tenant.id(), saved.criterion())).extracting(Establishment::name)
                .containsExactly("Gîte partenaire", "Hôtel 4");
        mvc.perform(get(base).with(authentication(readOnly.authentication())))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Hotels 3+ or partner")));
        mvc.perform(get(base + "/" + saved.id()).with(authentication(readOnly.authentication())))
                .andExpect(status().isOk()).andExpect(content().string(containsString("2 establishments match.")))
                .andExpect(content().string(not(containsString("value=\"save\""))));

        // the same name again
        mvc.perform(builder(admin).param("name", "Hotels 3+ or partner").param("junction", "ALL").param("action", "save"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Another segment already has this name.")));
    }

    @Test
    void invalidValuesShowMessagesNeverAnError() throws Exception {
        mvc.perform(builder(admin).param("junction", "ALL")
                        .param("c0.field", "capacity_rooms").param("c0.op", "BETWEEN").param("c0.v", "abc")
                        .param("c1.field", "no.such.field").param("c1.op", "LIKE").param("c1.v", "x")
                        .param("c2.field", "main").param("c2.op", "CONTAINS")
                        .param("g99999999999.junction", "ANY").param("action", "remove:gx.cy"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("abc is not a number.")))
                .andExpect(content().string(containsString("Correct the conditions marked in red")));
        mvc.perform(builder(admin).param("junction", "ALL").param("c0.field", "capacity_rooms").param("c0.op", "EQUALS")
                        .param("c0.v", "1e999999999").param("name", "x").param("action", "save"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("is not a number.")));
        mvc.perform(builder(admin).param("id", "not-a-uuid")).andExpect(status().isNotFound());
        mvc.perform(get(base + "/" + UUID.randomUUID()).with(authentication(admin.authentication()))).andExpect(status().isNotFound());
        assertThat(segments.of(tenant.id())).isEmpty();
    }

    @Test
    void structuralButtonsAddAndRemoveRowsAndGroups() throws Exception {
        mvc.perform(builder(readOnly).param("junction", "ALL").param("action", "addGroup"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("name=\"g0.c0.field\"")));
        mvc.perform(builder(readOnly).param("junction", "ALL").param("c0.field", "type").param("c0.op", "EQUALS")
                        .param("c0.v", "HOTEL").param("action", "remove:c0"))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("name=\"c0.field\""))))
                .andExpect(content().string(containsString("3 establishments match.")));
        // viewing staff explore but do not save
        mvc.perform(builder(readOnly).param("name", "Mine").param("junction", "ALL").param("action", "save"))
                .andExpect(status().isForbidden());
    }

    @Test
    void deletingASegmentInUseSaysSo() throws Exception {
        SegmentId used = directory.segment(tenant.id(), "Used", Criterion.everyone());
        UUID campaign = UUID.randomUUID();
        UUID range = UUID.randomUUID();
        jdbc.sql("insert into membership_campaign (id, tenant_id, season, name, opens_on, closes_on, created_at,"
                        + " updated_at) values (?, ?, 2027, 'Campagne 2027', date '2026-11-01', date '2027-03-31', now(), now())")
                .params(campaign, tenant.id().value()).update();
        jdbc.sql("insert into membership_range (id, tenant_id, campaign_id, names, created_at)"
                        + " values (?, ?, ?, '{\"fr\": \"Hôtels\"}', now())")
                .params(range, tenant.id().value(), campaign).update();
        jdbc.sql("insert into membership_range_segment (tenant_id, range_id, segment_id) values (?, ?, ?)")
                .params(tenant.id().value(), range, used.value()).update();

        mvc.perform(post(base + "/" + used + "/delete").with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "directory.segment.error.inUse"));
        SegmentId unused = directory.segment(tenant.id(), "Unused", Criterion.everyone());
        mvc.perform(post(base + "/" + unused + "/delete").with(csrf()).with(authentication(readOnly.authentication())))
                .andExpect(status().isForbidden());
        mvc.perform(post(base + "/" + unused + "/delete").with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "directory.segment.deleted"));
        assertThat(segments.of(tenant.id())).extracting(Segment::id).containsExactly(used);
    }
}
