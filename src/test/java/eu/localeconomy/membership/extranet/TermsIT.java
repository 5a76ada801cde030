package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Versions of the terms of sale: drafts, publication (then immutable), acceptance by professionals. */
@IntegrationTest
class TermsIT {

    @Autowired TermsOfSale terms;
    @Autowired TestTenants tenants;
    @Autowired MockMvc mvc;

    Tenant tenant;
    TestTenants.Person adminPerson;
    TestTenants.Person proPerson;
    Actor admin;
    UserId pro;

    @BeforeEach
    void setUp() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        adminPerson = tenants.person(tenant, Role.TENANT_ADMIN);
        proPerson = tenants.person(tenant, Role.PROFESSIONAL);
        admin = adminPerson.principal();
        pro = proPerson.principal().userId();
    }

    @Test
    void theOfficeWritesAndPublishesAndTheProfessionalReadsAndAcceptsInTheirLanguage() throws Exception {
        String office = "/t/" + tenant.slug() + "/office/terms";
        mvc.perform(get(office).with(authentication(adminPerson.authentication()))).andExpect(status().isOk());
        // The French text is the tenant's main language: required.
        mvc.perform(post(office + "/draft").param("textFr", " ").param("textEn", "Only English")
                        .with(csrf()).with(authentication(adminPerson.authentication())))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("form", "textFr"));
        assertThat(terms.versions(tenant.id())).isEmpty();

        mvc.perform(post(office + "/draft")
                        .param("textFr", "Article 1 <script>alert(1)</script>\n\nArticle 2").param("textNl", "")
                        .param("textEn", "Article one").with(csrf()).with(authentication(adminPerson.authentication())))
                .andExpect(redirectedUrl(office)).andExpect(flash().attribute("notice", "terms.draft.saved"));
        UUID id = terms.draft(tenant.id()).orElseThrow().id();
        mvc.perform(post(office + "/" + id + "/publish").with(csrf()).with(authentication(adminPerson.authentication())))
                .andExpect(redirectedUrl(office)).andExpect(flash().attribute("notice", "terms.published"));
        mvc.perform(post(office + "/" + id + "/publish").with(csrf()).with(authentication(adminPerson.authentication())))
                .andExpect(flash().attribute("alert", "terms.alreadyPublished"));
        mvc.perform(get(office + "/" + id).with(authentication(adminPerson.authentication())))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Article one")));

        String page = "/t/" + tenant.slug() + "/pro/terms";
        String html = mvc.perform(get(page).with(authentication(in(proPerson, Language.FR))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // Plain text, escaped, one paragraph per block.
        assertThat(html).contains("Article 1 &lt;script&gt;").doesNotContain("<script>alert").contains("<p>Article 2</p>");
        // No Dutch text: the tenant's language (French) instead.
        assertThat(mvc.perform(get(page).with(authentication(in(proPerson, Language.NL))))
                .andReturn().getResponse().getContentAsString()).contains("Article 1");
        assertThat(mvc.perform(get(page).with(authentication(in(proPerson, Language.EN))))
                .andReturn().getResponse().getContentAsString()).contains("Article one").doesNotContain("Article 1");

        mvc.perform(post(page + "/accept").param("version", id.toString()).with(csrf())
                        .with(authentication(proPerson.authentication())))
                .andExpect(flash().attribute("notice", "terms.pro.acceptedNotice"));
        assertThat(terms.hasAcceptedCurrent(tenant.id(), pro)).isTrue();
        assertThat(mvc.perform(get(office).with(authentication(adminPerson.authentication())))
                .andReturn().getResponse().getContentAsString()).contains(proPerson.principal().displayName());
    }

    static org.springframework.security.core.Authentication in(TestTenants.Person person, Language language) {
        return new TestTenants.Person(person.tenant(), person.email(), person.principal().withLanguage(language))
                .authentication();
    }

    @Test
    void tamperedRequestsAreRefusedWithoutAnError500() throws Exception {
        String office = "/t/" + tenant.slug() + "/office/terms";
        mvc.perform(post(office + "/not-a-uuid/publish").with(csrf()).with(authentication(adminPerson.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(post(office + "/" + UUID.randomUUID() + "/publish").with(csrf()).with(authentication(adminPerson.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(post(office + "/draft").param("textFr", "x".repeat(TermsOfSale.MAX_TEXT_LENGTH + 1))
                        .with(csrf()).with(authentication(adminPerson.authentication())))
                .andExpect(status().isOk()).andExpect(model().attributeHasFieldErrors("form", "textFr"));
        mvc.perform(post("/t/" + tenant.slug() + "/pro/terms/accept").param("version", "garbage").with(csrf())
                        .with(authentication(proPerson.authentication())))
                .andExpect(flash().attribute("alert", "terms.pro.changed"));
        // Staff who are not administrators do not write terms; professionals do not reach the office.
        mvc.perform(get(office).with(authentication(tenants.person(tenant, Role.READ_ONLY).authentication())))
                .andExpect(status().isForbidden());
        mvc.perform(get(office).with(authentication(proPerson.authentication()))).andExpect(status().isForbidden());
    }

    @Test
    void aMunicipalityHasNoTermsOfSale() throws Exception {
        Tenant city = tenants.tenant(TenantKind.MUNICIPALITY);
        mvc.perform(get("/t/" + city.slug() + "/office/terms")
                        .with(authentication(tenants.person(city, Role.TENANT_ADMIN).authentication())))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDraftIsNotCurrentUntilPublished() {
        TermsOfSale.Version draft = terms.saveDraft(tenant.id(), Map.of(Language.FR, "Article 1", Language.EN, " "), admin);

        assertThat(draft.version()).isEqualTo(1);
        assertThat(draft.draft()).isTrue();
        // Blank texts are not stored: the page falls back to the tenant's language.
        assertThat(draft.texts()).containsOnlyKeys(Language.FR);
        assertThat(terms.current(tenant.id())).isEmpty();
        assertThat(terms.hasAcceptedCurrent(tenant.id(), pro)).isFalse();

        assertThat(terms.publish(tenant.id(), draft.id(), admin)).isTrue();
        TermsVersion current = terms.current(tenant.id()).orElseThrow();
        assertThat(current.id()).isEqualTo(draft.id());
        assertThat(current.version()).isEqualTo(1);
        assertThat(current.texts()).containsEntry(Language.FR, "Article 1");
        assertThat(current.publishedAt()).isNotNull();
    }

    @Test
    void aPublishedVersionIsImmutableAndAChangeIsANewVersion() {
        TermsOfSale.Version first = terms.saveDraft(tenant.id(), Map.of(Language.FR, "V1"), admin);
        terms.publish(tenant.id(), first.id(), admin);

        assertThat(terms.publish(tenant.id(), first.id(), admin)).as("published twice").isFalse();
        TermsOfSale.Version second = terms.saveDraft(tenant.id(), Map.of(Language.FR, "V2 brouillon"), admin);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.version()).isEqualTo(2);
        // Saving again edits the same draft.
        TermsOfSale.Version edited = terms.saveDraft(tenant.id(), Map.of(Language.FR, "V2", Language.NL, "V2 nl"), admin);
        assertThat(edited.id()).isEqualTo(second.id());
        assertThat(terms.version(tenant.id(), first.id()).orElseThrow().texts()).containsEntry(Language.FR, "V1");
        assertThat(terms.current(tenant.id()).orElseThrow().version()).isEqualTo(1);

        terms.publish(tenant.id(), edited.id(), admin);
        assertThat(terms.current(tenant.id()).orElseThrow().texts())
                .containsEntry(Language.FR, "V2").containsEntry(Language.NL, "V2 nl");
        assertThat(terms.versions(tenant.id())).extracting(TermsOfSale.Version::version).containsExactly(2, 1);
        assertThat(terms.draft(tenant.id())).isEmpty();
    }

    @Test
    void acceptanceIsIdempotentAndANewVersionMustBeAcceptedAgain() {
        TermsOfSale.Version first = terms.saveDraft(tenant.id(), Map.of(Language.FR, "V1"), admin);
        terms.publish(tenant.id(), first.id(), admin);

        UUID acceptance = terms.accept(tenant.id(), pro, first.id());
        assertThat(terms.accept(tenant.id(), pro, first.id())).isEqualTo(acceptance);
        assertThat(terms.hasAcceptedCurrent(tenant.id(), pro)).isTrue();
        assertThat(terms.acceptances(tenant.id(), 10)).singleElement()
                .satisfies(a -> {
                    assertThat(a.account()).isEqualTo(pro);
                    assertThat(a.version()).isEqualTo(1);
                });

        TermsOfSale.Version second = terms.saveDraft(tenant.id(), Map.of(Language.FR, "V2"), admin);
        assertThat(terms.hasAcceptedCurrent(tenant.id(), pro)).as("a draft changes nothing").isTrue();
        terms.publish(tenant.id(), second.id(), admin);
        assertThat(terms.hasAcceptedCurrent(tenant.id(), pro)).isFalse();
        terms.accept(tenant.id(), pro, second.id());
        assertThat(terms.hasAcceptedCurrent(tenant.id(), pro)).isTrue();
        assertThat(terms.version(tenant.id(), first.id()).orElseThrow().acceptances()).isEqualTo(1);
    }

    @Test
    void draftsAndOtherTenantsVersionsCannotBeAccepted() {
        TermsOfSale.Version draft = terms.saveDraft(tenant.id(), Map.of(Language.FR, "brouillon"), admin);
        assertThatThrownBy(() -> terms.accept(tenant.id(), pro, draft.id())).isInstanceOf(IllegalArgumentException.class);

        Tenant other = tenants.tenant(TenantKind.TOURISM_OFFICE);
        terms.publish(tenant.id(), draft.id(), admin);
        assertThatThrownBy(() -> terms.accept(other.id(), pro, draft.id())).isInstanceOf(IllegalArgumentException.class);
        assertThat(terms.current(other.id())).isEmpty();
        assertThat(terms.versions(other.id())).isEmpty();
    }
}
