package eu.localeconomy.membership.followup;

import eu.localeconomy.account.Role;
import eu.localeconomy.support.FollowUpFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An establishment's timeline: every source, newest first; notes; who may change what. */
@IntegrationTest
class TimelineIT {

    @Autowired FollowUpFixtures fixtures;
    @Autowired TestTenants tenants;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void eventsFromEverySourceNewestFirst() throws Exception {
        var s = fixtures.scenario();
        var tenant = s.tenant().id();
        var cheque = s.cheque();
        // Invited to the extranet an hour before everything else; the campaign's invitation mail; a visit.
        jdbc.sql("""
                        insert into membership_invitation (invitation_id, tenant_id, establishment_id, email, invited_at, accepted_at)
                        values (?, ?, ?, 'contact@hotel-cheque.test', ?, ?)""")
                .params(UUID.randomUUID(), tenant.value(), cheque.value(), Timestamp.from(Instant.now().minusSeconds(3600)),
                        Timestamp.from(Instant.now().minusSeconds(3000)))
                .update();
        fixtures.invitationSent(tenant, s.office().campaign(), cheque);
        fixtures.visit(tenant, s.office().campaign(), cheque);
        String base = "/t/" + s.office().tenant().slug() + "/office/follow-up/establishments/" + cheque;
        var helpdesk = tenants.person(s.office().tenant(), Role.HELPDESK);
        mvc.perform(post(base + "/decline").param("campaign", s.previous().toString()).param("reason", "Hors saison")
                .with(csrf()).with(authentication(helpdesk.authentication()))).andExpect(status().is3xxRedirection());
        mvc.perform(post(base + "/decline/withdraw").param("campaign", s.previous().toString())
                .with(csrf()).with(authentication(helpdesk.authentication()))).andExpect(status().is3xxRedirection());
        mvc.perform(post(base + "/notes").param("body", "Rappelé : vient au salon.").param("campaign", s.office().campaign().toString())
                .with(csrf()).with(authentication(helpdesk.authentication()))).andExpect(status().is3xxRedirection());

        Document page = page(base, tenants.person(s.office().tenant(), Role.READ_ONLY));
        List<Element> items = page.select("#timeline > li");
        List<String> kinds = items.stream().map(li -> li.className().replace("fu-event ", "")).toList();
        assertThat(kinds).contains("fu-event-invited", "fu-event-accepted", "fu-event-mail-INVITATION",
                "fu-event-visit-first", "fu-event-order-placed", "fu-event-payment-CHEQUE", "fu-event-refund-CHEQUE",
                "fu-event-declined-staff", "fu-event-withdrawn-staff", "fu-event-note");
        assertThat(kinds.getFirst()).isEqualTo("fu-event-note");
        assertThat(kinds.getLast()).isEqualTo("fu-event-invited");
        List<Instant> times = items.stream().map(li -> Instant.parse(li.selectFirst("time").attr("datetime"))).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Element note = items.getFirst();
        assertThat(note.select(".fu-detail").text()).isEqualTo("Rappelé : vient au salon.");
        assertThat(note.select(".fu-who").text()).contains(helpdesk.principal().displayName());
        assertThat(page.select("#timeline .fu-event-refund-CHEQUE .fu-amount").text()).isEqualTo("€10.00");
        // Read-only staff read it all but change nothing.
        assertThat(page.select("#note-form, #decline-form")).isEmpty();
    }

    @Test
    void notesAreCheckedAndOnlyStaffWhoMayChangeWriteThem() throws Exception {
        var s = fixtures.scenario();
        String base = "/t/" + s.office().tenant().slug() + "/office/follow-up/establishments/" + s.zero();
        var readOnly = tenants.person(s.office().tenant(), Role.READ_ONLY);
        mvc.perform(post(base + "/notes").param("body", "test").with(csrf()).with(authentication(readOnly.authentication())))
                .andExpect(status().isForbidden());
        var finance = tenants.person(s.office().tenant(), Role.FINANCE);
        for (String body : List.of("", "   ", "x".repeat(4001))) {
            String html = mvc.perform(post(base + "/notes").param("body", body).with(csrf())
                            .with(authentication(finance.authentication())))
                    .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(Jsoup.parse(html).select("#error-summary a[href=#note-body]")).hasSize(1);
        }
        mvc.perform(post(base + "/notes").param("body", "ok").param("campaign", UUID.randomUUID().toString()).with(csrf())
                .with(authentication(finance.authentication()))).andExpect(status().isUnprocessableEntity());
        mvc.perform(post(base + "/notes").param("body", "Passé à l'office.").with(csrf())
                .with(authentication(finance.authentication()))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from membership_establishment_note where tenant_id = ? and establishment_id = ?")
                .params(s.tenant().id().value(), s.zero().value()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'membership.note.added'")
                .params(s.tenant().id().value()).query(Integer.class).single()).isEqualTo(1);
        assertThat(page(base, readOnly).select("#timeline .fu-event-note .fu-detail").text()).isEqualTo("Passé à l'office.");
    }

    @Test
    void unknownOrForeignEstablishmentsAreNotFound() throws Exception {
        var s = fixtures.scenario();
        var other = fixtures.scenario();
        var admin = s.office().admin();
        String prefix = "/t/" + s.office().tenant().slug() + "/office/follow-up/establishments/";
        for (String id : List.of(other.zero().toString(), "x", UUID.randomUUID().toString())) {
            mvc.perform(get(prefix + id).with(authentication(admin.authentication()))).andExpect(status().isNotFound());
            mvc.perform(post(prefix + id + "/notes").param("body", "x").with(csrf()).with(authentication(admin.authentication())))
                    .andExpect(status().isNotFound());
        }
        // The directory's page links here.
        String directory = mvc.perform(get("/t/" + s.office().tenant().slug() + "/office/establishments/" + s.zero())
                .with(authentication(admin.authentication()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(directory).select("a[href$=/office/follow-up/establishments/" + s.zero() + "]")).hasSize(1);
        // And the office's order page.
        String order = mvc.perform(get("/t/" + s.office().tenant().slug() + "/office/orders/" + s.orders().get(s.card()))
                .with(authentication(admin.authentication()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(order).select("a[href$=/office/follow-up/establishments/" + s.card() + "]")).hasSize(1);
    }

    private Document page(String url, TestTenants.Person person) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).with(authentication(person.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
