package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.Role;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Links between professional accounts and establishments, and the check every extranet request makes. */
@IntegrationTest
class ProfessionalsIT {

    @Autowired Professionals professionals;
    @Autowired TestTenants tenants;
    @Autowired JdbcClient jdbc;
    @Autowired DirectoryFixtures directory;

    Tenant tenant;
    UserId pro;
    EstablishmentId hotel;
    EstablishmentId campsite;

    @BeforeEach
    void setUp() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        pro = tenants.person(tenant, Role.PROFESSIONAL).principal().userId();
        hotel = establishment(tenant, "Hôtel des Falaises");
        campsite = establishment(tenant, "Camping de la Baie");
    }

    @Test
    void aProfessionalActsOnlyForTheEstablishmentsLinkedToTheirAccount() {
        assertThat(professionals.establishmentsOf(tenant.id(), pro)).isEmpty();
        assertThat(professionals.link(tenant.id(), pro, hotel, Actor.SYSTEM)).isTrue();

        assertThat(professionals.establishmentsOf(tenant.id(), pro)).containsExactly(hotel);
        assertThat(professionals.mayActFor(tenant.id(), pro, hotel)).isTrue();
        assertThat(professionals.mayActFor(tenant.id(), pro, campsite)).isFalse();
        assertThat(professionals.mayActFor(tenant.id(), pro, new EstablishmentId(UUID.randomUUID()))).isFalse();
    }

    @Test
    void linkingTwiceKeepsOneLinkAndOneAuditEvent() {
        assertThat(professionals.link(tenant.id(), pro, hotel, Actor.SYSTEM)).isTrue();
        assertThat(professionals.link(tenant.id(), pro, hotel, Actor.SYSTEM)).isFalse();
        professionals.link(tenant.id(), pro, campsite, Actor.SYSTEM);

        assertThat(professionals.establishmentsOf(tenant.id(), pro)).containsExactlyInAnyOrder(hotel, campsite);
        assertThat(professionals.accountsOf(tenant.id(), List.of(hotel)))
                .extracting(Professionals.Link::account).containsExactly(pro);
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'membership.professional.linked'")
                .param(tenant.id().value()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void anotherTenantsLinksAreInvisibleAndItsEstablishmentsCannotBeLinked() {
        professionals.link(tenant.id(), pro, hotel, Actor.SYSTEM);
        Tenant other = tenants.tenant(TenantKind.TOURISM_OFFICE);

        assertThat(professionals.establishmentsOf(other.id(), pro)).isEmpty();
        assertThat(professionals.mayActFor(other.id(), pro, hotel)).isFalse();
        EstablishmentId elsewhere = establishment(other, "Gîte ailleurs");
        assertThatThrownBy(() -> professionals.link(tenant.id(), pro, elsewhere, Actor.SYSTEM))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    EstablishmentId establishment(Tenant owner, String name) {
        return directory.establishment(owner.id(), name).create();
    }
}
