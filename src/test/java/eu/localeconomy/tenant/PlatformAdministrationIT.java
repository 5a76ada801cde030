package eu.localeconomy.tenant;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PlatformAdministrationIT {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Tenants tenants;
    @Autowired TestTenants fixtures;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void platformAdministratorCreatesATenantAndBadInputIsExplainedInTheirLanguage() throws Exception {
        Authentication admin = platformAdmin(Language.FR);
        String slug = "zeedorp-" + System.nanoTime() % 100000;

        String page = mvc.perform(post("/admin/tenants").with(csrf()).with(authentication(admin))
                        .param("slug", "Bad Slug!").param("name", "").param("kind", "MUNICIPALITY")
                        .param("defaultLanguage", "NL").param("timeZone", "Mars/Olympus").param("primaryColour", "blue")
                        .param("country", "BE").param("administratorEmail", "not-an-email"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Utilisez de 2 à 63 lettres minuscules").contains("Ce champ est obligatoire.")
                .contains("Utilisez un fuseau horaire").contains("Utilisez une couleur comme #1d4ed8.")
                .contains("Saisissez une adresse e-mail valide");
        assertThat(tenants.findBySlug("bad-slug")).isEmpty();

        mvc.perform(post("/admin/tenants").with(csrf()).with(authentication(admin))
                        .param("slug", slug).param("name", "Gemeente Zeedorp").param("kind", "MUNICIPALITY")
                        .param("defaultLanguage", "NL").param("timeZone", "Europe/Brussels").param("primaryColour", "#336699")
                        .param("country", "BE").param("administratorEmail", "beheer@" + slug + ".test"))
                .andExpect(redirectedUrl("/admin"));
        assertThat(tenants.findBySlug(slug)).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("Gemeente Zeedorp"));

        String duplicate = mvc.perform(post("/admin/tenants").with(csrf()).with(authentication(admin))
                        .param("slug", slug).param("name", "Again").param("kind", "MUNICIPALITY")
                        .param("defaultLanguage", "NL").param("timeZone", "Europe/Brussels").param("primaryColour", "#336699")
                        .param("country", "BE"))
                .andReturn().getResponse().getContentAsString();
        assertThat(duplicate).contains("Une autre organisation utilise déjà cette adresse.");
    }

    @Test
    void tenantStaffCannotReachPlatformAdministration() throws Exception {
        var staff = fixtures.person(fixtures.tenant(TenantKind.MUNICIPALITY), Role.TENANT_ADMIN);
        mvc.perform(get("/admin").with(authentication(staff.authentication()))).andExpect(status().isForbidden());
    }

    @Test
    void theLanguageSwitcherIsRememberedForThePerson() throws Exception {
        var tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        var person = fixtures.person(tenant, Role.HELPDESK);
        String french = mvc.perform(get("/t/" + tenant.slug() + "/office").param("lang", "fr")
                        .with(authentication(person.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(french).contains("lang=\"fr\"").contains("Tableau de bord");
        assertThat(jdbc.sql("select language from user_account where id = ?").param(person.principal().userId().value())
                .query(String.class).single()).as("saved as the person's preference").isEqualTo("fr");
        // German is for citizen pages only: a staff page ignores it.
        String stillFrench = mvc.perform(get("/t/" + tenant.slug() + "/office").param("lang", "de")
                        .with(authentication(person.authentication())).header("Accept-Language", "fr"))
                .andReturn().getResponse().getContentAsString();
        assertThat(stillFrench).contains("lang=\"fr\"");
        String citizenGerman = mvc.perform(get("/t/" + tenant.slug() + "/").param("lang", "de"))
                .andReturn().getResponse().getContentAsString();
        assertThat(citizenGerman).contains("lang=\"de\"");
    }

    private Authentication platformAdmin(Language language) {
        var id = accounts.create(null, "root-" + System.nanoTime() + "@platform.test", "Root", Role.PLATFORM_ADMIN, language, TestTenants.PASSWORD);
        var principal = new AccountPrincipal(id, null, null, "Root", Role.PLATFORM_ADMIN, language);
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of(new SimpleGrantedAuthority(Role.PLATFORM_ADMIN.authority())));
    }
}
