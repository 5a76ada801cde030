package eu.localeconomy.membership.extranet;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.CampaignStatus;
import eu.localeconomy.membership.catalogue.Offer;
import eu.localeconomy.membership.catalogue.Offer.OfferedProduct;
import eu.localeconomy.membership.catalogue.Price;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasketRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0} cents at {1} bp → {2} cents of VAT")
    @CsvSource({
            "18000, 2000, 3600",
            "1, 2000, 0",       // 0.2 cent
            "3, 2000, 1",       // 0.6 cent
            "25, 2000, 5",      // exactly 5
            "10, 550, 1",       // 0.55 cent, half-up
            "9, 550, 0",        // 0.495 cent
            "1000, 0, 0",
            "12345, 1000, 1235" // 1234.5 → half-up
    })
    void vatPerRateIsHalfUpOnTheSumOfNets(long net, int rate, long vat) {
        assertThat(BasketRules.vat(net, rate)).isEqualTo(vat);
    }

    @Test
    void totalsWithTwoRatesAndADonation() {
        var membership = product("MEMB", ProductType.MANDATORY, 2000, 18000, null, 1);
        var pages = product("PAGE", ProductType.OPTIONAL, 2000, 333, 5, 3);
        var guide = product("GUIDE", ProductType.OPTIONAL, 550, 1001, null, 5);
        var gift = product("GIFT", ProductType.DONATION, 0, -1, null, 1);
        Offer offer = offer(membership, pages, guide, gift);
        var view = BasketRules.view(offer, List.of(
                new BasketLine(pages.id(), 3, null, euros(333)),
                new BasketLine(guide.id(), 2, null, euros(1001)),
                new BasketLine(gift.id(), 1, euros(2550), null)), "EUR", TODAY);

        // The mandatory membership is in without having been stored.
        assertThat(view.lines()).extracting(l -> l.product().code()).containsExactly("MEMB", "PAGE", "GUIDE", "GIFT");
        // 20 %: 18000 + 999 = 18999 → 3799.8 → 3800; 5.5 %: 2002 → 110.11 → 110; 0 %: 2550.
        assertThat(view.vatPerRate()).containsExactly(
                new BasketView.VatAmount(0, euros(2550), euros(0)),
                new BasketView.VatAmount(550, euros(2002), euros(110)),
                new BasketView.VatAmount(2000, euros(18999), euros(3800)));
        assertThat(view.net()).isEqualTo(euros(23551));
        assertThat(view.vat()).isEqualTo(euros(3910));
        assertThat(view.gross()).isEqualTo(euros(27461));
        assertThat(view.open()).isTrue();
    }

    @Test
    void aPriceChangedSinceTheLineWasAddedIsSeen() {
        var pages = product("PAGE", ProductType.OPTIONAL, 2000, 400, null, 3);
        var view = BasketRules.view(offer(pages), List.of(new BasketLine(pages.id(), 1, null, euros(333))), "EUR", TODAY);
        assertThat(view.lines().getFirst().priceChanged()).isTrue();
        assertThat(view.lines().getFirst().seenPrice()).isEqualTo(euros(333));
    }

    @ParameterizedTest(name = "quantity {0} of max 3, stock {1} → {2}")
    @CsvSource(nullValues = "null", value = {
            "1, null, ok",
            "3, null, ok",
            "0, null, basket.error.quantity",
            "-2, null, basket.error.quantity",
            "4, null, basket.error.quantity",
            "2, 1, basket.error.outOfStock",
            "1, 0, basket.error.soldOut",
            "2, 2, ok"
    })
    void quantities(int quantity, Integer stock, String outcome) {
        var pages = product("PAGE", ProductType.OPTIONAL, 2000, 400, stock, 3);
        if (outcome.equals("ok")) {
            BasketRules.checkQuantity(pages, quantity, Language.FR);
        } else {
            assertThatThrownBy(() -> BasketRules.checkQuantity(pages, quantity, Language.FR))
                    .isInstanceOfSatisfying(BasketException.class, e -> assertThat(e.key()).isEqualTo(outcome));
        }
    }

    @ParameterizedTest(name = "donation \"{0}\" with minimum 10 € → {1}")
    @CsvSource({
            "10, ok",
            "'12,50', ok",
            "9.99, basket.error.donationMinimum",
            "0, basket.error.donationMinimum",
            "-5, basket.error.donationInvalid",
            "12.345, basket.error.donationInvalid",
            "abc, basket.error.donationInvalid",
            "99999999999999999999999, basket.error.donationInvalid",
            "1000001, basket.error.donationInvalid"
    })
    void donations(String typed, String outcome) {
        var gift = product("GIFT", ProductType.DONATION, 0, -1, null, 1);
        if (outcome.equals("ok")) {
            assertThat(BasketRules.donation(gift, typed, "EUR", Language.FR).cents()).isGreaterThanOrEqualTo(1000);
        } else {
            assertThatThrownBy(() -> BasketRules.donation(gift, typed, "EUR", Language.FR))
                    .isInstanceOfSatisfying(BasketException.class, e -> assertThat(e.key()).isEqualTo(outcome));
        }
    }

    @Test
    void requiresAndExcludesNameBothProducts() {
        var web = product("WEB", ProductType.OPTIONAL, 2000, 100, null, 1);
        var print = product("PRINT", ProductType.OPTIONAL, 2000, 100, null, 1);
        var premium = new OfferedProduct(new ProductId(UUID.randomUUID()), "PREMIUM",
                Map.of(Language.FR, "Premium"), Map.of(), ProductType.OPTIONAL, 2000, price(100), null, null, null, true,
                null, 1, Set.of(web.id()), Set.of(print.id()));
        Offer offer = offer(web, print, premium);
        assertThatThrownBy(() -> BasketRules.checkCombination(offer, Set.of(premium.id()), Language.FR))
                .isInstanceOfSatisfying(BasketException.class, e -> {
                    assertThat(e.key()).isEqualTo("basket.error.requires");
                    assertThat(e.arguments()).containsExactly("Premium", "WEB fr");
                });
        assertThatThrownBy(() -> BasketRules.checkCombination(offer, Set.of(premium.id(), web.id(), print.id()), Language.FR))
                .isInstanceOfSatisfying(BasketException.class, e -> {
                    assertThat(e.key()).isEqualTo("basket.error.excludes");
                    assertThat(e.arguments()).containsExactly("Premium", "PRINT fr");
                });
        BasketRules.checkCombination(offer, Set.of(premium.id(), web.id()), Language.FR);
    }

    @Test
    void aClosedCampaignTakesNoChange() {
        var pages = product("PAGE", ProductType.OPTIONAL, 2000, 400, null, 3);
        var view = BasketRules.view(offer(pages), List.of(), "EUR", LocalDate.of(2027, 6, 1));
        assertThat(view.open()).isFalse();
        assertThatThrownBy(() -> BasketRules.requireOpen(view)).isInstanceOf(BasketException.class);
    }

    static OfferedProduct product(String code, ProductType type, int vat, long cents, Integer stock, int max) {
        return new OfferedProduct(new ProductId(UUID.randomUUID()), code,
                Map.of(Language.FR, code + " fr", Language.EN, code + " en"), Map.of(), type, vat,
                type == ProductType.DONATION ? null : price(cents), type == ProductType.DONATION ? euros(1000) : null,
                null, null, true, stock, max, Set.of(), Set.of());
    }

    static Price price(long cents) {
        return new Price(euros(cents), List.of(), List.of());
    }

    static Offer offer(OfferedProduct... products) {
        var campaign = new Campaign(new CampaignId(UUID.randomUUID()), 2027, "Campagne 2027", LocalDate.of(2026, 11, 1),
                LocalDate.of(2027, 3, 31), CampaignStatus.OPEN, Map.of());
        return new Offer(campaign, new EstablishmentId(UUID.randomUUID()), List.of(new Offer.OfferedRange(
                new RangeId(UUID.randomUUID()), Map.of(Language.FR, "Gamme"), false, 1, null, null, List.of(products))));
    }

    static Money euros(long cents) {
        return Money.euros(cents);
    }
}
