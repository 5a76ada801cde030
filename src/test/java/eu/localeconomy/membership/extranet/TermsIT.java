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

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versions of the terms of sale: drafts, publication (then immutable), acceptance by professionals. */
@IntegrationTest
class TermsIT {

    @Autowired TermsOfSale terms;
    @Autowired TestTenants tenants;

    Tenant tenant;
    Actor admin;
    UserId pro;

    @BeforeEach
    void setUp() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        admin = tenants.person(tenant, Role.TENANT_ADMIN).principal();
        pro = tenants.person(tenant, Role.PROFESSIONAL).principal().userId();
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
