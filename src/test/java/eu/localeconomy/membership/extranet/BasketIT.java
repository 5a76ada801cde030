package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.Role;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.catalogue.CampaignStatus;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The professional's basket over HTTP: rules, totals, every bad input refused with a message and the basket intact. */
@IntegrationTest
@RecordApplicationEvents
class BasketIT {

    @Autowired ApplicationEvents events;

    @Autowired MockMvc mvc;
    @Autowired BasketFixtures fixtures;
    @Autowired TestTenants tenants;
    @Autowired Baskets baskets;
    @Autowired Orders orders;
    @Autowired Catalogue catalogue;
    @Autowired CatalogueAdmin catalogueAdmin;
    @Autowired Professionals professionals;
    @Autowired JdbcClient jdbc;

    BasketFixtures.Office office;
    BasketFixtures.Products p;
    String base;

    @BeforeEach
    void setUp() {
        office = fixtures.office(true);
        p = office.products();
        base = "/t/" + office.tenant().slug() + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign();
    }

    @Test
    void thePageShowsTheOfferWithExplainedPricesAndTheMandatoryMembershipInTheBasket() throws Exception {
        String page = page(office.hotelPro());
        assertThat(page).contains("Gamme hôtels (en)", "Page brochure (en)", "Guide papier (en)", "Don au fonds de promotion (en)")
                .doesNotContain("Adhésion camping");
        // 180 € base + 42 rooms × 2 € = 264 € excl. VAT, explained.
        assertThat(page).contains("€264.00", "42", "chambres (en)", "aria-live=\"polite\"");
        assertThat(lines()).containsEntry(p.membership(), 1);
    }

    @Test
    void totalsWithTwoVatRatesAndADonation() throws Exception {
        page(office.hotelPro());
        change("add", Map.of("product", p.guide().toString(), "quantity", "2")).andExpect(status().isOk());
        String fragment = change("donation", Map.of("product", p.donation().toString(), "amount", "25,50"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        var view = baskets.open(office.tenant().context(), office.campaign(), office.hotel(), office.hotelPro().principal());
        // 20 %: 264.00 → 52.80; 5.5 %: 2 × 10.01 = 20.02 → 1.1011 → 1.10; 0 %: the donation 25.50.
        assertThat(view.vatPerRate()).extracting(BasketView.VatAmount::rateBasisPoints, v -> v.net().cents(), v -> v.vat().cents())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2550L, 0L),
                        org.assertj.core.groups.Tuple.tuple(550, 2002L, 110L),
                        org.assertj.core.groups.Tuple.tuple(2000, 26400L, 5280L));
        assertThat(view.net()).isEqualTo(Money.euros(30952));
        assertThat(view.gross()).isEqualTo(Money.euros(36342));
        // The htmx answer is the basket fragment with the live totals.
        assertThat(fragment).contains("€309.52", "€363.42", "€1.10").doesNotContain("<html");
    }

    @Test
    void mandatoryProductsStayAndRequiresExcludesNameBothProducts() throws Exception {
        page(office.hotelPro());
        assertThat(refused("remove", Map.of("product", p.membership().toString())))
                .contains("Adhésion (en) is mandatory and stays in the basket.");
        assertThat(refused("add", Map.of("product", p.premium().toString())))
                .contains("Mise en avant premium (en) requires Fiche web (en)");
        change("add", Map.of("product", p.web().toString()));
        change("add", Map.of("product", p.premium().toString()));
        assertThat(lines()).containsKeys(p.web(), p.premium());
        assertThat(refused("add", Map.of("product", p.pages().toString())))
                .contains("Mise en avant premium (en) cannot be ordered together with Page brochure (en)");
        assertThat(refused("remove", Map.of("product", p.web().toString())))
                .contains("Fiche web (en) cannot be removed: Mise en avant premium (en) requires it.");
        change("remove", Map.of("product", p.premium().toString()));
        change("remove", Map.of("product", p.web().toString()));
        assertThat(lines()).containsOnlyKeys(p.membership());
    }

    @ParameterizedTest(name = "{0} {1}={2} → {3}")
    @CsvSource(delimiter = '|', value = {
            "add|product|CAMPSITE|This product is not offered to this establishment",
            "add|product|not-a-uuid|This product is not offered to this establishment",
            "add|product|RANDOM|This product is not offered to this establishment",
            "add|product||This product is not offered to this establishment",
            "quantity|quantity|-1|The quantity of Page brochure (en) must be between 1 and 2.",
            "quantity|quantity|0|The quantity of Page brochure (en) must be between 1 and 2.",
            "quantity|quantity|3|The quantity of Page brochure (en) must be between 1 and 2.",
            "quantity|quantity|99999999999999|Type the quantity as a whole number.",
            "quantity|quantity|1.5|Type the quantity as a whole number.",
            "quantity|quantity|deux|Type the quantity as a whole number.",
            "donation|amount|5|The donation for Don au fonds de promotion (en) must be at least €10.00.",
            "donation|amount|-20|Type the donation as an amount",
            "donation|amount|12.345|Type the donation as an amount",
            "donation|amount|1e9|Type the donation as an amount",
            "donation|amount|99999999999999999999|Type the donation as an amount",
            "add|product|LATER|Salon du printemps (en) is not available at the moment."
    })
    void badInputIsRefusedWithAMessageAndTheBasketIntact(String action, String field, String value, String message)
            throws Exception {
        page(office.hotelPro());
        change("add", Map.of("product", p.pages().toString()));
        change("donation", Map.of("product", p.donation().toString(), "amount", "15"));
        var before = lines();
        var donationBefore = donation();
        String product = switch (value == null ? "" : value) {
            case "CAMPSITE" -> p.campsiteMembership().toString();
            case "RANDOM" -> UUID.randomUUID().toString();
            case "LATER" -> p.later().toString();
            default -> value == null ? "" : value;
        };
        Map<String, String> params = switch (action) {
            case "add" -> Map.of("product", product);
            case "quantity" -> Map.of("product", p.pages().toString(), field, value);
            default -> Map.of("product", p.donation().toString(), field, value);
        };
        assertThat(refused(action, params)).contains(message);
        assertThat(lines()).isEqualTo(before);
        assertThat(donation()).isEqualTo(donationBefore);
    }

    @Test
    void aQuantityAboveTheStockLeftIsRefused() throws Exception {
        page(office.hotelPro());
        change("add", Map.of("product", p.pages().toString()));
        // Other orders took 19 of the 20 pages.
        jdbc.sql("update membership_product set stock_taken = 19 where tenant_id = ? and id = ?")
                .params(office.tenant().id().value(), p.pages().value()).update();
        assertThat(refused("quantity", Map.of("product", p.pages().toString(), "quantity", "2")))
                .contains("Only 1 of Page brochure (en) left.");
        assertThat(lines()).containsEntry(p.pages(), 1);
        jdbc.sql("update membership_product set stock_taken = 20 where tenant_id = ? and id = ?")
                .params(office.tenant().id().value(), p.pages().value()).update();
        assertThat(refused("add", Map.of("product", p.pages().toString()))).contains("Page brochure (en) is sold out.");
    }

    @Test
    void aClosedCampaignTakesNoChange() throws Exception {
        page(office.hotelPro());
        var c = catalogue.campaign(office.tenant().id(), office.campaign()).orElseThrow();
        catalogueAdmin.updateCampaign(office.tenant().id(), office.campaign(), new CatalogueAdmin.CampaignForm(c.season(),
                c.name(), c.opensOn(), c.closesOn(), CampaignStatus.CLOSED, c.intros()), Actor.SYSTEM);
        var before = lines();
        assertThat(refused("add", Map.of("product", p.guide().toString())))
                .contains("This campaign does not take orders at the moment");
        assertThat(lines()).isEqualTo(before);
    }

    @Test
    void theBasketBelongsToTheEstablishment() throws Exception {
        page(office.hotelPro());
        change("add", Map.of("product", p.guide().toString(), "quantity", "3"));
        // Later, a colleague acting for the same hotel finds the same basket.
        var colleague = tenants.person(office.tenant(), Role.PROFESSIONAL);
        professionals.link(office.tenant().id(), colleague.principal().userId(), office.hotel(), Actor.SYSTEM);
        String page = page(colleague);
        assertThat(page).contains("Guide papier (en)", "id=\"qty-" + p.guide() + "\"", "value=\"3\"");
        // The same professional comes back: resumed.
        assertThat(lines()).containsEntry(p.guide(), 3);
    }

    @Test
    void aProfessionalOfAnotherEstablishmentOrABadIdGets404() throws Exception {
        mvc.perform(get(base).with(authentication(office.campsitePro().authentication()))).andExpect(status().isNotFound());
        mvc.perform(post(base + "/basket/add").param("product", p.guide().toString()).with(csrf())
                .with(authentication(office.campsitePro().authentication()))).andExpect(status().isNotFound());
        String prefix = "/t/" + office.tenant().slug() + "/pro/establishments/";
        for (String path : List.of(prefix + "nope/campaigns/" + office.campaign(),
                prefix + office.hotel() + "/campaigns/nope",
                prefix + UUID.randomUUID() + "/campaigns/" + office.campaign(),
                prefix + office.hotel() + "/campaigns/" + UUID.randomUUID(),
                "/t/" + office.tenant().slug() + "/pro/orders/nope",
                "/t/" + office.tenant().slug() + "/pro/orders/" + UUID.randomUUID())) {
            mvc.perform(get(path).with(authentication(office.hotelPro().authentication()))).andExpect(status().isNotFound());
        }
        // Another tenant's professional cannot reach it either (security refuses before the controller).
        var other = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var stranger = tenants.person(other, Role.PROFESSIONAL);
        mvc.perform(get("/t/" + other.slug() + "/pro/establishments/" + office.hotel() + "/campaigns/" + office.campaign())
                .with(authentication(stranger.authentication()))).andExpect(status().isNotFound());
    }

    @Test
    void withoutJavaScriptAChangeIsAPostAndARedirect() throws Exception {
        page(office.hotelPro());
        mvc.perform(post(base + "/basket/add").param("product", p.guide().toString()).with(csrf())
                        .with(authentication(office.hotelPro().authentication())))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern(base + "*"));
        var flash = mvc.perform(post(base + "/basket/quantity").param("product", p.guide().toString()).param("quantity", "-3")
                        .with(csrf()).with(authentication(office.hotelPro().authentication())))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        assertThat(flash.get("basketError")).asString().contains("between 1 and 5");
        assertThat(lines()).containsEntry(p.guide(), 1);
    }

    @Test
    void aPriceChangedSinceTheLineWasAddedIsShownAndMustBeConfirmedAgain() throws Exception {
        page(office.hotelPro());
        change("add", Map.of("product", p.pages().toString()));
        fixtures.reprice(office, p.pages(), 26000);
        String token = UUID.randomUUID().toString();
        UUID terms = currentTerms();
        String answer = checkout(token, terms).andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(answer).contains("Some prices changed", "Page brochure (en): €250.00 → €260.00");
        assertThat(orders.live(office.tenant().id(), office.campaign(), office.hotel())).isEmpty();
        // The new price is now the one seen: the same form placed again goes through.
        checkout(token, terms).andExpect(status().is3xxRedirection());
        var order = orders.find(office.tenant().id(), orders.live(office.tenant().id(), office.campaign(), office.hotel()).orElseThrow()).orElseThrow();
        assertThat(order.lines()).extracting(Order.Line::code, l -> l.unitPrice().cents())
                .contains(org.assertj.core.groups.Tuple.tuple("PAGE", 26000L));
    }

    @Test
    void checkoutNeedsPublishedTermsAcceptedAndAPaymentMethod() throws Exception {
        var bare = fixtures.office(false);
        String bareBase = "/t/" + bare.tenant().slug() + "/pro/establishments/" + bare.hotel() + "/campaigns/" + bare.campaign();
        String page = mvc.perform(get(bareBase + "/checkout").with(authentication(bare.hotelPro().authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Ordering is not possible yet").doesNotContain("name=\"acceptTerms\"");
        String refused = mvc.perform(post(bareBase + "/checkout").param("paymentMethod", "TRANSFER")
                        .param("formToken", UUID.randomUUID().toString()).param("acceptTerms", "yes")
                        .param("termsVersion", UUID.randomUUID().toString()).with(csrf())
                        .with(authentication(bare.hotelPro().authentication())))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Ordering is not possible yet");

        page(office.hotelPro());
        UUID terms = currentTerms();
        assertThat(mvc.perform(post(base + "/checkout").param("paymentMethod", "TRANSFER").param("termsVersion", terms.toString())
                        .param("formToken", UUID.randomUUID().toString()).with(csrf())
                        .with(authentication(office.hotelPro().authentication())))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString())
                .contains("Accept the terms of sale to order.", "href=\"#acceptTerms\"");
        assertThat(mvc.perform(post(base + "/checkout").param("paymentMethod", "BITCOIN").param("termsVersion", terms.toString())
                        .param("acceptTerms", "yes").param("formToken", UUID.randomUUID().toString()).with(csrf())
                        .with(authentication(office.hotelPro().authentication())))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString())
                .contains("Choose a payment method.");
        // Terms published since the page was opened: the version shown must be the current one.
        fixtures.publishTerms(office.tenant());
        assertThat(checkout(UUID.randomUUID().toString(), terms).andExpect(status().is(422)).andReturn().getResponse()
                .getContentAsString()).contains("The terms of sale have just changed");
        assertThat(orders.live(office.tenant().id(), office.campaign(), office.hotel())).isEmpty();
    }

    @Test
    void placingTheOrderSnapshotsTheBasketAndADoubleSubmitGivesTheSameOrder() throws Exception {
        page(office.hotelPro());
        change("add", Map.of("product", p.pages().toString(), "quantity", "2"));
        change("donation", Map.of("product", p.donation().toString(), "amount", "20"));
        String token = UUID.randomUUID().toString();
        UUID terms = currentTerms();
        String first = checkout(token, terms).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String second = checkout(token, terms).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        // Another form (a second tab) finds the order too.
        String third = checkout(UUID.randomUUID().toString(), terms).andReturn().getResponse().getRedirectedUrl();
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from membership_order where tenant_id = ?").param(office.tenant().id().value())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select stock_taken from membership_product where tenant_id = ? and id = ?")
                .params(office.tenant().id().value(), p.pages().value()).query(Integer.class).single()).isEqualTo(2);

        var order = orders.find(office.tenant().id(), UUID.fromString(first.substring(first.lastIndexOf('/') + 1))).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(order.paymentMethod()).isEqualTo(PaymentMethod.TRANSFER);
        assertThat(order.lines()).extracting(Order.Line::code).containsExactlyInAnyOrder("ADH", "PAGE", "DON");
        // 264 + 500 = 764 at 20 % → 152.80; donation 20 at 0 %.
        assertThat(order.net()).isEqualTo(Money.euros(78400));
        assertThat(order.vat()).isEqualTo(Money.euros(15280));
        assertThat(order.gross()).isEqualTo(Money.euros(93680));
        assertThat(order.lines().getFirst().explanation()).contains("€264.00");
        assertThat(lines()).isEmpty();
        assertThat(events.stream(OrderPlaced.class))
                .containsExactly(new OrderPlaced(office.tenant().id(), order.id(), office.campaign(), office.hotel()));
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = ? and action = 'membership.order.placed'")
                .param(office.tenant().id().value()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from membership_terms_acceptance where tenant_id = ?")
                .param(office.tenant().id().value()).query(Integer.class).single()).isEqualTo(1);

        String confirmation = mvc.perform(get(first).with(authentication(office.hotelPro().authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirmation).contains("Order placed, awaiting payment.", "Page brochure (en)", "€936.80", "Bank transfer");
        mvc.perform(get(first).with(authentication(office.campsitePro().authentication()))).andExpect(status().isNotFound());
        // The campaign page now says the establishment has ordered.
        assertThat(page(office.hotelPro())).contains("already ordered");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    String page(TestTenants.Person person) throws Exception {
        return mvc.perform(get(base).with(authentication(person.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    ResultActions change(String action, Map<String, String> params) throws Exception {
        MockHttpServletRequestBuilder request = post(base + "/basket/" + action).header("HX-Request", "true")
                .with(csrf()).with(authentication(office.hotelPro().authentication()));
        params.forEach(request::param);
        return mvc.perform(request);
    }

    String refused(String action, Map<String, String> params) throws Exception {
        String fragment = change(action, params).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("role=\"alert\"");
        return fragment.replace("&#39;", "'");
    }

    ResultActions checkout(String token, UUID terms) throws Exception {
        return mvc.perform(post(base + "/checkout").param("paymentMethod", "TRANSFER").param("termsVersion", terms.toString())
                .param("acceptTerms", "yes").param("formToken", token).with(csrf())
                .with(authentication(office.hotelPro().authentication())));
    }

    UUID currentTerms() {
        return jdbc.sql("select id from membership_terms where tenant_id = ? and published_at is not null order by version desc limit 1")
                .param(office.tenant().id().value()).query(UUID.class).single();
    }

    Map<ProductId, Integer> lines() {
        var result = new java.util.HashMap<ProductId, Integer>();
        jdbc.sql("""
                        select l.product_id, l.quantity from membership_basket_line l
                        join membership_basket b on b.tenant_id = l.tenant_id and b.id = l.basket_id
                        where b.tenant_id = ? and b.establishment_id = ?""")
                .params(office.tenant().id().value(), office.hotel().value())
                .query(rs -> {
                    result.put(new ProductId(rs.getObject(1, UUID.class)), rs.getInt(2));
                });
        return result;
    }

    Long donation() {
        return jdbc.sql("""
                        select l.donation_cents from membership_basket_line l
                        join membership_basket b on b.tenant_id = l.tenant_id and b.id = l.basket_id
                        where b.tenant_id = ? and b.establishment_id = ? and l.product_id = ?""")
                .params(office.tenant().id().value(), office.hotel().value(), p.donation().value())
                .query(Long.class).optional().orElse(null);
    }
}
