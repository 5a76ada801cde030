package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.CampaignForm;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.ProductForm;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.RangeForm;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.RuleForm;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static eu.localeconomy.support.DirectoryFixtures.atLeast;
import static eu.localeconomy.support.DirectoryFixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Campaigns on the embedded database: which ranges an establishment gets, its prices, availability and stock. */
@IntegrationTest
class CatalogueIT {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Autowired Catalogue catalogue;
    @Autowired CatalogueAdmin admin;
    @Autowired PriceExplanations explanations;
    @Autowired DirectoryFixtures directory;
    @Autowired TestTenants tenants;
    @Autowired TransactionTemplate transactions;

    TenantId tenant;
    CampaignId campaign;
    RangeId hotels;
    RangeId bigOnes;
    RangeId tie;
    RangeId congress;
    ProductId membership;
    ProductId brochure;
    ProductId listing;
    EstablishmentId bigHotel;
    EstablishmentId smallHotel;
    EstablishmentId restaurant;

    @BeforeEach
    void campaign() {
        tenant = tenants.tenant(TenantKind.TOURISM_OFFICE).id();
        directory.customField(tenant, "congress", FieldType.BOOLEAN, "Congress bureau");
        SegmentId hotelSegment = directory.segment(tenant, "Hotels", is("type", "HOTEL"));
        SegmentId bigSegment = directory.segment(tenant, "40 rooms or more", atLeast("capacity_rooms", 40));
        SegmentId congressSegment = directory.segment(tenant, "Congress venues", is("custom.congress", "true"));

        bigHotel = directory.establishment(tenant, "Grand Hôtel").stars(3).rooms(42).persons(80)
                .secondaryOf(DirectoryFixtures.SIREN, "Falaises SAS").custom("congress", true).create();
        smallHotel = directory.establishment(tenant, "Petit Hôtel").stars(2).rooms(8).persons(16).create();
        restaurant = directory.establishment(tenant, "Le Bistrot").type(EstablishmentType.RESTAURANT).create();

        campaign = admin.createCampaign(tenant, new CampaignForm(2027, "Adhésions 2027", TODAY.minusDays(1),
                TODAY.plusMonths(2), CampaignStatus.OPEN, Map.of(Language.FR, "Bienvenue")), Actor.SYSTEM);
        hotels = range("Hôtels", false, 0, hotelSegment, 1);
        bigOnes = range("Grands établissements", false, 1, bigSegment, 5);
        // Same priority as bigOnes for big hotels but placed after it: bigOnes wins the tie; small hotels get it.
        tie = range("Hôtels (priorité)", false, 2, hotelSegment, 5);
        congress = range("Bureau des congrès", true, 3, congressSegment, 0);

        membership = admin.createProduct(tenant, bigOnes, product("ADH", ProductType.MANDATORY, 0L, null, null, null),
                Actor.SYSTEM);
        admin.addRule(tenant, membership, new RuleForm(PriceRuleKind.SET, DirectoryFixtures.all(is("type", "HOTEL"),
                is("classification_value", "3")), Map.of("amountCents", 18000),
                Map.of(Language.FR, "catégorie hôtel 3★", Language.EN, "category hotel 3★")), Actor.SYSTEM);
        admin.addRule(tenant, membership, new RuleForm(PriceRuleKind.PER_UNIT, null,
                Map.of("field", "capacity_rooms", "unitCents", 200, "mode", "ADD"),
                Map.of(Language.FR, "chambres", Language.EN, "rooms")), Actor.SYSTEM);
        admin.addRule(tenant, membership, new RuleForm(PriceRuleKind.PERCENT, is("main", "false"),
                Map.of("percent", "-50"),
                Map.of(Language.FR, "établissement secondaire", Language.EN, "secondary establishment")), Actor.SYSTEM);
        brochure = admin.createProduct(tenant, bigOnes, product("BROCH", ProductType.OPTIONAL, 25000L,
                TODAY.plusDays(10), null, 5), Actor.SYSTEM);
        listing = admin.createProduct(tenant, congress, product("CONG", ProductType.OPTIONAL, 12000L, null,
                TODAY.plusDays(1), null), Actor.SYSTEM);
        admin.createProduct(tenant, tie, product("ADH-H", ProductType.MANDATORY, 9000L, null, null, null),
                Actor.SYSTEM);
    }

    private RangeId range(String name, boolean additional, int position, SegmentId segment, int priority) {
        RangeId id = admin.createRange(tenant, campaign, new RangeForm(Map.of(Language.FR, name), additional,
                position), Actor.SYSTEM);
        admin.assign(tenant, id, segment, priority, Actor.SYSTEM);
        return id;
    }

    private static ProductForm product(String code, ProductType type, Long base, LocalDate from, LocalDate until,
                                       Integer stock) {
        return new ProductForm(code, Map.of(Language.FR, code), Map.of(), type, 2000, base, null, from, until, stock,
                stock == null ? 1 : 2, Set.of(), Set.of(), 0);
    }

    @Test
    void theBestRangeByPriorityThenPositionPlusEveryMatchingAdditionalRange() {
        Offer big = catalogue.offerFor(tenant, campaign, bigHotel, TODAY);
        assertThat(big.ranges()).extracting(Offer.OfferedRange::id).containsExactly(bigOnes, congress);
        assertThat(big.ranges().getFirst().priority()).isEqualTo(5);
        assertThat(big.ranges().getFirst().matchedSegmentName()).isEqualTo("40 rooms or more");
        assertThat(big.ranges().get(1).additional()).isTrue();

        Offer small = catalogue.offerFor(tenant, campaign, smallHotel, TODAY);
        assertThat(small.ranges()).extracting(Offer.OfferedRange::id).containsExactly(tie);

        assertThat(catalogue.offerFor(tenant, campaign, restaurant, TODAY).ranges()).isEmpty();
    }

    @Test
    void pricesCarryTheirExplanation() {
        Offer.OfferedProduct product = product(catalogue.offerFor(tenant, campaign, bigHotel, TODAY), membership);

        assertThat(product.price().amount()).isEqualTo(Money.euros(13200));
        assertThat(product.price().conflicts()).isEmpty();
        assertThat(explanations.explain(product.price(), Locale.ENGLISH)).isEqualTo(
                "category hotel 3★: €180.00; 42 rooms × €2.00 = €84.00; secondary establishment −50\u00a0% → €132.00");
        assertThat(product.type()).isEqualTo(ProductType.MANDATORY);
        assertThat(product.vatRateBasisPoints()).isEqualTo(2000);
    }

    @Test
    void availabilityIsJudgedOnTheBusinessDate() {
        Offer today = catalogue.offerFor(tenant, campaign, bigHotel, TODAY);
        assertThat(product(today, brochure).available()).isFalse();
        assertThat(product(today, listing).available()).isTrue();

        Offer later = catalogue.offerFor(tenant, campaign, bigHotel, TODAY.plusDays(10));
        assertThat(product(later, brochure).available()).isTrue();
        assertThat(product(later, listing).available()).isFalse();
    }

    @Test
    void stockIsTakenAndReleased() {
        assertThat(catalogue.takeStock(tenant, brochure, 3)).isTrue();
        assertThat(catalogue.takeStock(tenant, brochure, 3)).isFalse();
        assertThat(product(catalogue.offerFor(tenant, campaign, bigHotel, TODAY), brochure).stockLeft()).isEqualTo(2);

        catalogue.releaseStock(tenant, brochure, 1);
        assertThat(catalogue.takeStock(tenant, brochure, 3)).isTrue();
        assertThat(product(catalogue.offerFor(tenant, campaign, bigHotel, TODAY), brochure).stockLeft()).isZero();
        assertThat(catalogue.takeStock(tenant, brochure, 1)).isFalse();
        assertThat(product(catalogue.offerFor(tenant, campaign, bigHotel, TODAY), membership).stockLeft()).isNull();
        assertThat(catalogue.takeStock(tenant, membership, 1000)).isTrue();
        assertThatThrownBy(() -> catalogue.releaseStock(tenant, brochure, 6)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> catalogue.takeStock(tenant, brochure, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twentyConcurrentTakersOfAStockOfFiveNeverOversell() throws Exception {
        int takers = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
            calls.add(() -> {
                start.await();
                return transactions.execute(status -> catalogue.takeStock(tenant, brochure, 1));
            });
        }
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(takers)) {
            calls.forEach(call -> results.add(pool.submit(call)));
            start.countDown();
        }
        long taken = 0;
        for (Future<Boolean> result : results) {
            if (result.get()) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(5);
        assertThat(product(catalogue.offerFor(tenant, campaign, bigHotel, TODAY), brochure).stockLeft()).isZero();
    }

    @Test
    void anotherTenantSeesNothingOfTheCampaign() {
        TenantId other = tenants.tenant(TenantKind.TOURISM_OFFICE).id();
        EstablishmentId theirs = directory.establishment(other, "Hôtel ailleurs").stars(3).rooms(50).create();

        assertThat(catalogue.campaign(other, campaign)).isEmpty();
        assertThat(catalogue.openCampaigns(other, TODAY)).isEmpty();
        assertThatThrownBy(() -> catalogue.offerFor(other, campaign, theirs, TODAY))
                .isInstanceOf(UnknownCatalogueItemException.class);
        assertThatThrownBy(() -> catalogue.offerFor(tenant, campaign, theirs, TODAY))
                .isInstanceOf(UnknownCatalogueItemException.class);
        assertThat(catalogue.takeStock(other, brochure, 1)).isFalse();
        assertThat(admin.ranges(other, campaign)).isEmpty();
        assertThat(admin.products(other, campaign)).isEmpty();
        assertThatThrownBy(() -> admin.createRange(other, campaign, new RangeForm(Map.of(Language.FR, "x"), false, 0),
                Actor.SYSTEM)).isInstanceOf(UnknownCatalogueItemException.class);
    }

    @Test
    void openCampaignsAreOpenAndWithinTheirDates() {
        admin.createCampaign(tenant, new CampaignForm(2027, "Brouillon", TODAY, TODAY.plusDays(5),
                CampaignStatus.DRAFT, Map.of()), Actor.SYSTEM);
        admin.createCampaign(tenant, new CampaignForm(2028, "Plus tard", TODAY.plusDays(1), TODAY.plusDays(5),
                CampaignStatus.OPEN, Map.of()), Actor.SYSTEM);

        assertThat(catalogue.openCampaigns(tenant, TODAY)).extracting(Campaign::id).containsExactly(campaign);
        assertThat(catalogue.campaign(tenant, campaign).orElseThrow().intros()).containsEntry(Language.FR, "Bienvenue");
    }

    @Test
    void manyEstablishmentsAreOfferedFromOneLoading() {
        List<Offer> offers = catalogue.offersForAll(tenant, campaign, TODAY);

        assertThat(offers).hasSize(3);
        assertThat(offers).filteredOn(o -> o.establishment().equals(bigHotel)).singleElement()
                .satisfies(o -> assertThat(o.products()).hasSize(3));
    }

    @Test
    void theOfficeIsToldWhatIsWrong() {
        assertThatThrownBy(() -> admin.createCampaign(tenant, new CampaignForm(2027, "Adhésions 2027", TODAY,
                TODAY.minusDays(1), CampaignStatus.DRAFT, Map.of()), Actor.SYSTEM))
                .isInstanceOfSatisfying(CatalogueValidationException.class, e -> assertThat(e.problems())
                        .extracting(CatalogueValidationException.Problem::key)
                        .containsExactly("catalogue.campaign.error.dateOrder"));
        assertThatThrownBy(() -> admin.createCampaign(tenant, new CampaignForm(2027, "Adhésions 2027", TODAY,
                TODAY, CampaignStatus.DRAFT, Map.of()), Actor.SYSTEM))
                .isInstanceOfSatisfying(CatalogueValidationException.class, e -> assertThat(e.problems())
                        .extracting(CatalogueValidationException.Problem::key)
                        .containsExactly("catalogue.campaign.error.nameTaken"));
        assertThatThrownBy(() -> admin.addRule(tenant, membership, new RuleForm(PriceRuleKind.PER_UNIT, null,
                Map.of("field", "name", "unitCents", 200), Map.of(Language.FR, "x")), Actor.SYSTEM))
                .isInstanceOfSatisfying(CatalogueValidationException.class, e -> assertThat(e.problems())
                        .extracting(CatalogueValidationException.Problem::key)
                        .containsExactly("catalogue.rule.invalid.field"));
        assertThatThrownBy(() -> admin.updateProduct(tenant, brochure, new ProductForm("BROCH", Map.of(Language.FR,
                "b"), Map.of(), ProductType.OPTIONAL, 1234, -1L, null, null, null, null, 1, Set.of(brochure),
                Set.of(), 0), Actor.SYSTEM))
                .isInstanceOfSatisfying(CatalogueValidationException.class, e -> assertThat(e.problems())
                        .extracting(CatalogueValidationException.Problem::field)
                        .containsExactlyInAnyOrder("vatRate", "basePrice", "requires"));
    }

    @Test
    void rulesMoveUpAndDown() {
        List<PriceRule> before = admin.rules(tenant, membership);
        admin.moveRule(tenant, membership, before.get(2).id(), true, Actor.SYSTEM);
        admin.moveRule(tenant, membership, before.get(0).id(), true, Actor.SYSTEM);

        assertThat(admin.rules(tenant, membership)).extracting(PriceRule::id)
                .containsExactly(before.get(0).id(), before.get(2).id(), before.get(1).id());
        // −50 % before the rooms now: 180 / 2 + 84.
        assertThat(product(catalogue.offerFor(tenant, campaign, bigHotel, TODAY), membership).price().amount())
                .isEqualTo(Money.euros(17400));
    }

    private static Offer.OfferedProduct product(Offer offer, ProductId id) {
        return offer.products().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
