package eu.localeconomy.membership;

import eu.localeconomy.account.Role;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.Offer;
import eu.localeconomy.membership.catalogue.PriceExplanations;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.membership.extranet.TermsOfSale;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.shared.TenantKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The tourism office's demo: its directory, segments, campaign and the professional's two establishments. */
@IntegrationTest
class MembershipDemoIT {

    @Autowired MembershipDemo demo;
    @Autowired TestTenants tenants;
    @Autowired Establishments establishments;
    @Autowired Segments segments;
    @Autowired Catalogue catalogue;
    @Autowired PriceExplanations explanations;
    @Autowired Professionals professionals;
    @Autowired TermsOfSale terms;
    @Autowired Clock clock;
    @Autowired eu.localeconomy.membership.payment.Payments payments;
    @Autowired eu.localeconomy.membership.invoice.InvoiceSetup invoices;
    @Autowired eu.localeconomy.membership.invoice.Invoices issued;
    @Autowired eu.localeconomy.membership.extranet.Orders orders;

    @Test
    void loadsAnOpenCampaignThatPricesTheDemoProfessionalsEstablishments() throws InterruptedException {
        var tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var pro = tenants.person(tenant, Role.PROFESSIONAL);
        var loaded = demo.load(tenant.id(), tenant.zone(), pro.principal().userId());
        LocalDate today = LocalDate.now(clock.withZone(tenant.zone()));

        assertThat(establishments.all(tenant.id())).hasSize(33);
        assertThat(segments.of(tenant.id())).hasSize(9);
        assertThat(catalogue.openCampaigns(tenant.id(), today)).extracting(c -> c.id()).containsExactly(loaded.campaign());
        assertThat(terms.current(tenant.id())).isPresent();
        // Transfer, cheque and cash offered; card too once the office's Stripe account can charge.
        assertThat(payments.methodsFor(tenant.id(), loaded.campaign())).containsExactly(
                eu.localeconomy.membership.extranet.PaymentMethod.TRANSFER, eu.localeconomy.membership.extranet.PaymentMethod.CHEQUE,
                eu.localeconomy.membership.extranet.PaymentMethod.CASH);
        assertThat(payments.settings(tenant.id()).cardEnabled()).isTrue();
        // Invoice settings complete enough to issue, numbered FA-/AV-, issued at payment.
        assertThat(invoices.settings(tenant.id())).satisfies(s -> {
            assertThat(s.siren()).isEqualTo("812345676");
            assertThat(s.invoiceFormat()).isEqualTo("FA-{YYYY}-{SEQ:5}");
            assertThat(s.issueAt()).isEqualTo(eu.localeconomy.membership.invoice.InvoiceSettings.IssueAt.PAYMENT);
        });
        var hotel = loaded.establishments().get("Hôtel des Falaises");
        var gite = loaded.establishments().get("Gîte du Phare");
        assertThat(professionals.establishmentsOf(tenant.id(), pro.principal().userId())).containsExactlyInAnyOrder(hotel, gite);

        // The hotel: 3 stars and 42 rooms, main establishment, four seasons, no partner association.
        Offer offer = catalogue.offerFor(tenant.id(), loaded.campaign(), hotel, today);
        assertThat(offer.ranges()).extracting(r -> r.names().get(eu.localeconomy.shared.Language.FR))
                .containsExactly("Hôtellerie", "Bureau des congrès");
        var membership = offer.products().stream().filter(p -> p.code().equals("ADH-HOT")).findFirst().orElseThrow();
        assertThat(membership.price().amount().cents()).isEqualTo(18000 + 42 * 200);
        assertThat(explanations.explain(membership.price(), Locale.FRENCH))
                .contains("catégorie hôtel 3★").contains("42").contains("264,00");

        // The gîte: the same owner's secondary establishment, 3 épis: 80 € halved.
        Offer gîteOffer = catalogue.offerFor(tenant.id(), loaded.campaign(), gite, today);
        var gîteMembership = gîteOffer.products().stream().filter(p -> p.code().equals("ADH-MEUB")).findFirst().orElseThrow();
        assertThat(gîteMembership.price().amount().cents()).isEqualTo(4000);

        // The gîte's membership is ordered and paid by transfer; its invoice is issued after the payment's commit.
        var giteOrder = orders.live(tenant.id(), loaded.campaign(), gite).orElseThrow();
        var account = payments.account(tenant.id(), giteOrder).orElseThrow();
        assertThat(account.status()).isEqualTo(eu.localeconomy.membership.extranet.OrderStatus.PAID);
        assertThat(account.due().cents()).isEqualTo(4800);
        for (int i = 0; i < 200 && issued.documentsOf(tenant.id(), giteOrder).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(issued.documentsOf(tenant.id(), giteOrder).getFirst().number()).startsWith("FA-");
        assertThat(orders.live(tenant.id(), loaded.campaign(), hotel)).isEmpty();
    }
}
