package eu.localeconomy.support;

import eu.localeconomy.account.Role;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.CampaignStatus;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.catalogue.PriceRuleKind;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.membership.extranet.TermsOfSale;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenant;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tourism office with an open membership campaign, built through the public APIs (directory fixtures, the
 * catalogue's admin service, professionals' links, terms of sale): a hotels range (mandatory membership priced per
 * room, brochure pages in limited stock, a guide at 5.5 % VAT, web listing, a premium listing that requires the web
 * listing and excludes brochure pages, a product available only later, a donation) and a campsites range.
 */
@Component
public class BasketFixtures {

    private final TestTenants tenants;
    private final DirectoryFixtures directory;
    private final CatalogueAdmin catalogue;
    private final Professionals professionals;
    private final TermsOfSale terms;
    private final Clock clock;

    BasketFixtures(TestTenants tenants, DirectoryFixtures directory, CatalogueAdmin catalogue,
                   Professionals professionals, TermsOfSale terms, Clock clock) {
        this.tenants = tenants;
        this.directory = directory;
        this.catalogue = catalogue;
        this.professionals = professionals;
        this.terms = terms;
        this.clock = clock;
    }

    public record Office(Tenant tenant, CampaignId campaign, RangeId hotels, RangeId campsites,
                         EstablishmentId hotel, EstablishmentId campsite, TestTenants.Person hotelPro,
                         TestTenants.Person campsitePro, TestTenants.Person admin, Products products) {
    }

    /** Product ids of the hotels range, and the campsites' membership. */
    public record Products(ProductId membership, ProductId pages, ProductId guide, ProductId web, ProductId premium,
                           ProductId later, ProductId donation, ProductId campsiteMembership) {
    }

    /** The office with its campaign; terms of sale published unless {@code withTerms} is false. */
    public Office office(boolean withTerms) {
        Tenant tenant = tenants.tenant(TenantKind.TOURISM_OFFICE);
        var id = tenant.id();
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
        EstablishmentId hotel = directory.establishment(id, "Hôtel des Falaises").type(EstablishmentType.HOTEL)
                .stars(3).rooms(42).create();
        EstablishmentId campsite = directory.establishment(id, "Camping de la Baie").type(EstablishmentType.CAMPSITE)
                .pitches(120).create();
        SegmentId hotelsSegment = directory.segment(id, "Hôtels", DirectoryFixtures.is("type", "HOTEL"));
        SegmentId campsitesSegment = directory.segment(id, "Campings", DirectoryFixtures.is("type", "CAMPSITE"));

        CampaignId campaign = catalogue.createCampaign(id, new CatalogueAdmin.CampaignForm(today.getYear() + 1,
                "Campagne " + (today.getYear() + 1), today.minusDays(30), today.plusDays(120), CampaignStatus.OPEN,
                texts("Bienvenue dans la campagne d'adhésion.")), Actor.SYSTEM);
        RangeId hotels = catalogue.createRange(id, campaign, new CatalogueAdmin.RangeForm(texts("Gamme hôtels"), false, 0), Actor.SYSTEM);
        RangeId campsites = catalogue.createRange(id, campaign, new CatalogueAdmin.RangeForm(texts("Gamme campings"), false, 1), Actor.SYSTEM);
        catalogue.assign(id, hotels, hotelsSegment, 10, Actor.SYSTEM);
        catalogue.assign(id, campsites, campsitesSegment, 10, Actor.SYSTEM);

        ProductId membership = product(id, hotels, "ADH", "Adhésion", ProductType.MANDATORY, 2000, 18000L, null, null, 1, Set.of(), Set.of(), null);
        catalogue.addRule(id, membership, new CatalogueAdmin.RuleForm(PriceRuleKind.PER_UNIT, null,
                Map.of("field", "capacity_rooms", "unitCents", 200, "mode", "ADD"), texts("chambres")), Actor.SYSTEM);
        ProductId pages = product(id, hotels, "PAGE", "Page brochure", ProductType.OPTIONAL, 2000, 25000L, null, 20, 2, Set.of(), Set.of(), null);
        ProductId guide = product(id, hotels, "GUIDE", "Guide papier", ProductType.OPTIONAL, 550, 1001L, null, null, 5, Set.of(), Set.of(), null);
        ProductId web = product(id, hotels, "WEB", "Fiche web", ProductType.OPTIONAL, 2000, 5000L, null, null, 1, Set.of(), Set.of(), null);
        ProductId premium = product(id, hotels, "PREMIUM", "Mise en avant premium", ProductType.OPTIONAL, 2000, 9000L, null, null, 1,
                Set.of(web), Set.of(pages), null);
        ProductId later = product(id, hotels, "SALON", "Salon du printemps", ProductType.OPTIONAL, 2000, 30000L, null, null, 1,
                Set.of(), Set.of(), today.plusDays(60));
        ProductId donation = product(id, hotels, "DON", "Don au fonds de promotion", ProductType.DONATION, 0, null, 1000L, null, 1,
                Set.of(), Set.of(), null);
        ProductId campsiteMembership = product(id, campsites, "ADH-C", "Adhésion camping", ProductType.MANDATORY, 2000, 12000L,
                null, null, 1, Set.of(), Set.of(), null);

        var hotelPro = tenants.person(tenant, Role.PROFESSIONAL);
        var campsitePro = tenants.person(tenant, Role.PROFESSIONAL);
        professionals.link(id, hotelPro.principal().userId(), hotel, Actor.SYSTEM);
        professionals.link(id, campsitePro.principal().userId(), campsite, Actor.SYSTEM);
        if (withTerms) {
            publishTerms(tenant);
        }
        return new Office(tenant, campaign, hotels, campsites, hotel, campsite, hotelPro, campsitePro,
                tenants.person(tenant, Role.TENANT_ADMIN),
                new Products(membership, pages, guide, web, premium, later, donation, campsiteMembership));
    }

    /** Publishes a new version of the terms of sale; returns its id. */
    public UUID publishTerms(Tenant tenant) {
        var draft = terms.saveDraft(tenant.id(), Map.of(Language.FR, "Conditions générales de vente : paiement à 30 jours.",
                Language.EN, "Terms of sale: payment within 30 days.", Language.NL, "Verkoopvoorwaarden: betaling binnen 30 dagen."),
                Actor.SYSTEM);
        terms.publish(tenant.id(), draft.id(), Actor.SYSTEM);
        return draft.id();
    }

    /** Another hotel linked to a new professional of the same office (for load and concurrency tests). */
    public TestTenants.Person hotelWithProfessional(Office office, String name) {
        var id = office.tenant().id();
        EstablishmentId hotel = directory.establishment(id, name).type(EstablishmentType.HOTEL).rooms(10).create();
        var pro = tenants.person(office.tenant(), Role.PROFESSIONAL);
        professionals.link(id, pro.principal().userId(), hotel, Actor.SYSTEM);
        return pro;
    }

    /** A new price for a product (the office edits it after professionals added it to their baskets). */
    public void reprice(Office office, ProductId product, long cents) {
        var view = catalogue.product(office.tenant().id(), product).orElseThrow();
        var f = view.form();
        catalogue.updateProduct(office.tenant().id(), product, new CatalogueAdmin.ProductForm(f.code(), f.names(),
                f.descriptions(), f.type(), f.vatRateBasisPoints(), cents, f.donationMinimumCents(), f.availableFrom(),
                f.availableUntil(), f.stockLimit(), f.maxPerOrder(), f.requires(), f.excludes(), f.position()), Actor.SYSTEM);
    }

    private ProductId product(eu.localeconomy.shared.TenantId tenant, RangeId range, String code, String name,
                              ProductType type, int vat, Long price, Long donationMinimum, Integer stock, int max,
                              Set<ProductId> requires, Set<ProductId> excludes, LocalDate availableFrom) {
        return catalogue.createProduct(tenant, range, new CatalogueAdmin.ProductForm(code, texts(name),
                texts("Description de " + name), type, vat, price, donationMinimum, availableFrom, null, stock, max,
                requires, excludes, 0), Actor.SYSTEM);
    }

    private static Map<Language, String> texts(String french) {
        return Map.of(Language.FR, french, Language.EN, french + " (en)", Language.NL, french + " (nl)");
    }
}
