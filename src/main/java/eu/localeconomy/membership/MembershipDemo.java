package eu.localeconomy.membership;

import eu.localeconomy.directory.CustomField;
import eu.localeconomy.directory.CustomFields;
import eu.localeconomy.directory.Criterion;
import eu.localeconomy.directory.Criterion.Condition;
import eu.localeconomy.directory.Criterion.Group;
import eu.localeconomy.directory.Criterion.Junction;
import eu.localeconomy.directory.Criterion.Operator;
import eu.localeconomy.directory.EstablishmentDetails;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.directory.OrganisationId;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.identifier.FrenchVatNumber;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.CampaignStatus;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.ProductForm;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.RangeForm;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.RuleForm;
import eu.localeconomy.membership.catalogue.PriceRuleKind;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.membership.extranet.Baskets;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.membership.extranet.TermsOfSale;
import eu.localeconomy.membership.invoice.InvoiceSettings;
import eu.localeconomy.membership.invoice.InvoiceSetup;
import eu.localeconomy.membership.payment.PaymentEntry;
import eu.localeconomy.membership.payment.PaymentSettings;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.identifier.Siren;
import eu.localeconomy.identifier.Siret;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.tenant.Tenants;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The demo tourism office's professionals and its membership campaign: custom fields (partner association,
 * congress-bureau listing), thirty-odd establishments of the Baie des Falaises with classifications, capacities and
 * membership seasons (one owner with a main hotel and a secondary gîte), segments, and the 2027 campaign with its
 * ranges, products and price rules. The demo professional acts for the Hôtel des Falaises and its gîte.
 */
@Component
public class MembershipDemo {

    private record Place(String name, EstablishmentType type, String scheme, String value, Integer rooms,
                         Integer persons, Integer pitches, String street, String postcode, String city, double lat,
                         double lon, boolean partner, boolean congress, List<Integer> seasons) {
    }

    private static final String PORT = "Port-les-Falaises";
    private static final String ROCHES = "Saint-Aubin-des-Roches";
    private static final String VILLERS = "Villers-sur-Falaise";
    private static final String GREVE = "Hermanville-la-Grève";

    private static final List<Place> PLACES = List.of(
            new Place("Hôtel des Falaises", EstablishmentType.HOTEL, "PREFECTORAL", "3", 42, 90, null, "12 boulevard de la Mer", "14520", PORT, 49.3461, -0.7712, false, true, List.of(2023, 2024, 2025, 2026)),
            new Place("Grand Hôtel de la Baie", EstablishmentType.HOTEL, "PREFECTORAL", "4", 68, 150, null, "1 promenade des Anglais", "14520", PORT, 49.3470, -0.7690, true, true, List.of(2020, 2021, 2022, 2023, 2024, 2025, 2026)),
            new Place("Hôtel du Port", EstablishmentType.HOTEL, "PREFECTORAL", "2", 18, 36, null, "5 quai du Port", "14520", PORT, 49.3455, -0.7735, false, false, List.of(2025, 2026)),
            new Place("Hôtel Les Embruns", EstablishmentType.HOTEL, "PREFECTORAL", "3", 25, 52, null, "8 rue des Embruns", "14750", ROCHES, 49.3320, -0.3920, true, false, List.of(2024, 2025, 2026)),
            new Place("Le Relais des Roches", EstablishmentType.HOTEL, "PREFECTORAL", "1", 11, 22, null, "2 place de l'Église", "14750", ROCHES, 49.3315, -0.3941, false, false, List.of()),
            new Place("Hôtel Belle Vue", EstablishmentType.HOTEL, "PREFECTORAL", "5", 31, 64, null, "40 route de la Corniche", "14640", VILLERS, 49.3210, 0.1090, false, true, List.of(2022, 2023, 2024, 2025, 2026)),
            new Place("Hôtel de la Grève", EstablishmentType.HOTEL, null, null, 9, 18, null, "3 rue de la Grève", "14880", GREVE, 49.2870, -0.3150, false, false, List.of(2026)),
            new Place("Camping Les Goélands", EstablishmentType.CAMPSITE, "PREFECTORAL", "4", null, 480, 160, "chemin des Dunes", "14880", GREVE, 49.2890, -0.3180, true, false, List.of(2021, 2022, 2023, 2024, 2025, 2026)),
            new Place("Camping de la Plage", EstablishmentType.CAMPSITE, "PREFECTORAL", "2", null, 180, 60, "avenue de la Plage", "14750", ROCHES, 49.3330, -0.3900, false, false, List.of(2025)),
            new Place("Camping du Phare", EstablishmentType.CAMPSITE, "PREFECTORAL", "3", null, 300, 100, "route du Phare", "14520", PORT, 49.3480, -0.7800, false, false, List.of()),
            new Place("Gîte du Phare", EstablishmentType.RENTAL, "GITES_DE_FRANCE", "3", 3, 6, null, "14 route du Phare", "14520", PORT, 49.3478, -0.7790, false, false, List.of(2024, 2025, 2026)),
            new Place("Les Chaumières de la Baie", EstablishmentType.RENTAL, "GITES_DE_FRANCE", "4", 5, 12, null, "6 chemin des Chaumières", "14640", VILLERS, 49.3201, 0.1040, true, false, List.of(2023, 2024, 2025, 2026)),
            new Place("Villa Marine", EstablishmentType.RENTAL, "PREFECTORAL", "3", 4, 8, null, "22 rue des Mouettes", "14750", ROCHES, 49.3325, -0.3935, false, false, List.of(2026)),
            new Place("Studio Vue Mer", EstablishmentType.RENTAL, "PREFECTORAL", "2", 1, 2, null, "3 résidence les Flots", "14880", GREVE, 49.2875, -0.3160, false, false, List.of()),
            new Place("Maison des Pêcheurs", EstablishmentType.RENTAL, "CLEVACANCES", "3", 3, 7, null, "9 rue des Pêcheurs", "14520", PORT, 49.3450, -0.7740, false, false, List.of(2025, 2026)),
            new Place("Centre de vacances Les Oyats", EstablishmentType.GROUP_LODGING, null, null, 40, 120, null, "route des Oyats", "14880", GREVE, 49.2880, -0.3200, true, true, List.of(2022, 2023, 2024, 2025, 2026)),
            new Place("Auberge de jeunesse de la Baie", EstablishmentType.GROUP_LODGING, null, null, 22, 84, null, "1 rue du Stade", "14520", PORT, 49.3440, -0.7700, false, false, List.of(2026)),
            new Place("Restaurant La Marée", EstablishmentType.RESTAURANT, null, null, null, 80, null, "7 quai du Port", "14520", PORT, 49.3456, -0.7730, true, false, List.of(2021, 2022, 2023, 2024, 2025, 2026)),
            new Place("Le Bistrot des Falaises", EstablishmentType.RESTAURANT, null, null, null, 45, null, "10 boulevard de la Mer", "14520", PORT, 49.3462, -0.7715, false, false, List.of(2026)),
            new Place("Crêperie Ty Breizh", EstablishmentType.RESTAURANT, null, null, null, 40, null, "4 rue du Marché", "14750", ROCHES, 49.3318, -0.3930, false, false, List.of(2024, 2025, 2026)),
            new Place("La Table du Phare", EstablishmentType.RESTAURANT, "MICHELIN", "1", null, 36, null, "16 route du Phare", "14520", PORT, 49.3477, -0.7795, false, true, List.of(2023, 2024, 2025, 2026)),
            new Place("Brasserie de la Grève", EstablishmentType.RESTAURANT, null, null, null, 120, null, "1 place de la Grève", "14880", GREVE, 49.2872, -0.3152, false, false, List.of()),
            new Place("Le Comptoir Normand", EstablishmentType.RESTAURANT, null, null, null, 60, null, "15 rue de Caen", "14640", VILLERS, 49.3205, 0.1070, true, false, List.of(2025, 2026)),
            new Place("Char à voile de la Baie", EstablishmentType.ACTIVITY, null, null, null, 30, null, "base nautique, digue Ouest", "14880", GREVE, 49.2885, -0.3170, false, false, List.of(2024, 2025, 2026)),
            new Place("Musée de la Falaise", EstablishmentType.ACTIVITY, null, null, null, 200, null, "2 rue du Musée", "14520", PORT, 49.3445, -0.7720, true, true, List.of(2020, 2021, 2022, 2023, 2024, 2025, 2026)),
            new Place("Balades en mer du Port", EstablishmentType.ACTIVITY, null, null, null, 48, null, "quai d'Honneur", "14520", PORT, 49.3452, -0.7738, false, false, List.of(2026)),
            new Place("Golf des Falaises", EstablishmentType.ACTIVITY, null, null, null, 150, null, "route du Golf", "14640", VILLERS, 49.3190, 0.1000, false, true, List.of(2022, 2023, 2024, 2025, 2026)),
            new Place("Centre des congrès de la Baie", EstablishmentType.VENUE, null, null, null, 800, null, "place du Casino", "14520", PORT, 49.3466, -0.7705, false, true, List.of(2021, 2022, 2023, 2024, 2025, 2026)),
            new Place("Salle des Embruns", EstablishmentType.VENUE, null, null, null, 250, null, "20 rue des Embruns", "14750", ROCHES, 49.3322, -0.3925, false, true, List.of(2025, 2026)),
            new Place("Manoir de Villers", EstablishmentType.VENUE, null, null, 12, 180, null, "château de Villers", "14640", VILLERS, 49.3215, 0.1100, true, true, List.of(2024, 2025, 2026)),
            new Place("Boutique du Terroir", EstablishmentType.SHOP, null, null, null, null, null, "3 rue du Marché", "14750", ROCHES, 49.3317, -0.3928, false, false, List.of(2026)),
            new Place("Cidrerie de la Baie", EstablishmentType.SHOP, null, null, null, 25, null, "ferme du Val", "14640", VILLERS, 49.3180, 0.1020, true, false, List.of(2023, 2024, 2025, 2026)),
            new Place("Location de vélos Falaises Cycles", EstablishmentType.OTHER, null, null, null, null, null, "gare routière", "14520", PORT, 49.3449, -0.7710, false, false, List.of()));

    private final Establishments establishments;
    private final CustomFields customFields;
    private final Segments segments;
    private final CatalogueAdmin catalogue;
    private final Professionals professionals;
    private final TermsOfSale terms;
    private final Payments payments;
    private final InvoiceSetup invoices;
    private final Baskets baskets;
    private final Orders orders;
    private final Tenants tenants;
    private final Clock clock;

    MembershipDemo(Establishments establishments, CustomFields customFields, Segments segments,
                   CatalogueAdmin catalogue, Professionals professionals, TermsOfSale terms, Payments payments,
                   InvoiceSetup invoices, Baskets baskets, Orders orders, Tenants tenants, Clock clock) {
        this.baskets = baskets;
        this.orders = orders;
        this.tenants = tenants;
        this.establishments = establishments;
        this.customFields = customFields;
        this.segments = segments;
        this.catalogue = catalogue;
        this.professionals = professionals;
        this.terms = terms;
        this.payments = payments;
        this.invoices = invoices;
        this.clock = clock;
    }

    /** What the demo made that later steps (campaign, professional) refer to. */
    public record Loaded(Map<String, EstablishmentId> establishments, Map<String, SegmentId> segments,
                         CampaignId campaign) {
    }

    /**
     * Loads the tourism office's demo data; {@code professional} is the demo account acting for the Hôtel des
     * Falaises and its secondary Gîte du Phare. The campaign opened a month ago (on the tenant's business date) and
     * closes in four months, so the extranet can be tried whenever the demo starts.
     */
    public Loaded load(TenantId tenant, ZoneId zone, UserId professional) {
        defineCustomFields(tenant);
        var made = loadEstablishments(tenant);
        var saved = saveSegments(tenant);
        CampaignId campaign = loadCampaign(tenant, LocalDate.now(clock.withZone(zone)), saved);
        publishTerms(tenant);
        paymentSettings(tenant);
        invoiceSettings(tenant);
        professionals.link(tenant, professional, made.get("Hôtel des Falaises"), Actor.SYSTEM);
        professionals.link(tenant, professional, made.get("Gîte du Phare"), Actor.SYSTEM);
        paidOrder(tenant, campaign, made.get("Gîte du Phare"), professional);
        return new Loaded(made, saved, campaign);
    }


    /**
     * The Gîte du Phare's membership, ordered by the demo professional by transfer and recorded as received by the
     * office: a paid order with its invoice (issued after the commit) to look at; the hotel is left to order.
     */
    private void paidOrder(TenantId tenant, CampaignId campaign, EstablishmentId gite, UserId professional) {
        TenantContext context = tenants.findById(tenant).orElseThrow().context();
        Actor pro = Actor.user(professional, tenant);
        baskets.open(context, campaign, gite, pro);
        UUID termsVersion = terms.current(tenant).orElseThrow().id();
        var placed = (Orders.Placed) orders.place(context, campaign, gite,
                new Orders.Checkout(PaymentMethod.TRANSFER, termsVersion, true, UUID.randomUUID()), Language.FR, pro);
        var order = orders.find(tenant, placed.orderId()).orElseThrow();
        payments.record(tenant, order.id(), new PaymentEntry(PaymentMethod.TRANSFER, order.gross(),
                LocalDate.now(clock.withZone(context.zone())), "Virement du Gîte du Phare", null, false, null,
                "demo-" + order.id()), Actor.SYSTEM);
    }

    private CampaignId loadCampaign(TenantId tenant, LocalDate today, Map<String, SegmentId> segment) {
        LocalDate opens = today.minusDays(30);
        int season = opens.getYear() + 1;
        CampaignId campaign = catalogue.createCampaign(tenant, new CatalogueAdmin.CampaignForm(season,
                "Campagne d'adhésion " + season, opens, today.plusDays(120), CampaignStatus.OPEN, Map.of(
                        Language.FR, "Rejoignez l'Office de Tourisme pour la saison " + season + " : votre adhésion, "
                                + "votre visibilité dans nos guides et sur notre site, et nos rencontres professionnelles.",
                        Language.NL, "Word lid van de Dienst voor Toerisme voor het seizoen " + season + ": uw "
                                + "lidmaatschap, uw zichtbaarheid in onze gidsen en op onze website.",
                        Language.EN, "Join the Tourist Office for the " + season + " season: your membership, your "
                                + "visibility in our guides and on our website, and our trade meetings.")), Actor.SYSTEM);

        // Hotels: a price per category, plus the rooms, halved for a secondary establishment, then loyalty and
        // partner reductions — the grid the office spent a month interpreting, as data.
        RangeId hotels = range(tenant, campaign, "Hôtellerie", "Hotels", "Hotels", false, 0, segment.get("hotels"));
        ProductId hotelMembership = product(tenant, hotels, "ADH-HOT", ProductType.MANDATORY, 2000, 15000L, null, null, 1,
                Set.of(), "Adhésion hôtel", "Lidmaatschap hotel", "Hotel membership",
                "Adhésion à l'Office pour la saison, fiche dans le guide et sur le site.");
        for (int stars = 1; stars <= 5; stars++) {
            long price = switch (stars) {
                case 1 -> 12000L;
                case 2 -> 15000L;
                case 3 -> 18000L;
                case 4 -> 22000L;
                default -> 26000L;
            };
            rule(tenant, hotelMembership, PriceRuleKind.SET, new Group(Junction.ALL, List.of(
                            new Condition("classification_scheme", Operator.EQUALS, List.of("PREFECTORAL")),
                            new Condition("classification_value", Operator.EQUALS, List.of(String.valueOf(stars))))),
                    Map.of("amountCents", price), "catégorie hôtel " + stars + "★", "categorie hotel " + stars + "★",
                    "category hotel " + stars + "★");
        }
        rule(tenant, hotelMembership, PriceRuleKind.PER_UNIT, null, Map.of("field", "capacity_rooms", "unitCents", 200,
                "minCents", 0, "maxCents", 15000, "mode", "ADD"), "chambres", "kamers", "rooms");
        rule(tenant, hotelMembership, PriceRuleKind.PERCENT, new Condition("main", Operator.EQUALS, List.of("false")),
                Map.of("percent", "-50"), "établissement secondaire", "nevenvestiging", "secondary establishment");
        loyaltyAndPartner(tenant, hotelMembership);
        ProductId hotelPage = product(tenant, hotels, "PAGE-HOT", ProductType.OPTIONAL, 2000, 35000L, null, 20, 2,
                Set.of(), "Page dans le guide touristique", "Pagina in de toeristische gids", "Page in the visitor guide",
                "Une page en couleur dans le guide imprimé à 60 000 exemplaires (20 pages en tout).");
        ProductId web = product(tenant, hotels, "WEB-HOT", ProductType.SUBSCRIPTION, 2000, 9000L, null, null, 1,
                Set.of(), "Mise en avant sur le site web", "Uitgelicht op de website", "Featured on the website",
                "Votre établissement en tête des résultats de sa catégorie, renouvelé chaque saison.");
        product(tenant, hotels, "PHOTO-HOT", ProductType.OPTIONAL, 2000, 12000L, null, null, 1, Set.of(web),
                "Reportage photo professionnel", "Professionele fotoreportage", "Professional photo shoot",
                "Dix photos par un photographe de l'Office, pour votre fiche web (avec la mise en avant).");
        donation(tenant, hotels, "DON-HOT");

        RangeId campsites = range(tenant, campaign, "Hôtellerie de plein air", "Campings", "Campsites", false, 1,
                segment.get("campsites"));
        ProductId campsiteMembership = product(tenant, campsites, "ADH-CAMP", ProductType.MANDATORY, 2000, 10000L, null,
                null, 1, Set.of(), "Adhésion camping", "Lidmaatschap camping", "Campsite membership",
                "Adhésion à l'Office pour la saison, fiche dans le guide et sur le site.");
        rule(tenant, campsiteMembership, PriceRuleKind.PER_UNIT, null, Map.of("field", "capacity_pitches",
                "unitCents", 100, "minCents", 0, "maxCents", 25000, "mode", "ADD"), "emplacements", "standplaatsen", "pitches");
        loyaltyAndPartner(tenant, campsiteMembership);
        product(tenant, campsites, "PAGE-CAMP", ProductType.OPTIONAL, 2000, 35000L, null, 10, 1, Set.of(),
                "Page dans le guide touristique", "Pagina in de toeristische gids", "Page in the visitor guide",
                "Une page en couleur dans le guide imprimé (10 pages réservées aux campings).");
        donation(tenant, campsites, "DON-CAMP");

        RangeId lodging = range(tenant, campaign, "Meublés, gîtes et hébergements collectifs",
                "Vakantiewoningen en groepsverblijven", "Rentals and group lodging", false, 2, segment.get("rentals"));
        catalogue.assign(tenant, lodging, segment.get("groups"), 10, Actor.SYSTEM);
        ProductId lodgingMembership = product(tenant, lodging, "ADH-MEUB", ProductType.MANDATORY, 2000, 6000L, null,
                null, 1, Set.of(), "Adhésion meublé ou gîte", "Lidmaatschap vakantiewoning", "Rental membership",
                "Adhésion à l'Office pour la saison, fiche sur le site.");
        rule(tenant, lodgingMembership, PriceRuleKind.SET, new Condition("classification_value", Operator.ONE_OF,
                List.of("3", "4", "5")), Map.of("amountCents", 8000L), "classé 3 ou plus", "geklasseerd 3 of meer",
                "classified 3 or more");
        rule(tenant, lodgingMembership, PriceRuleKind.PER_UNIT, new Condition("type", Operator.EQUALS,
                List.of("GROUP_LODGING")), Map.of("field", "capacity_persons", "unitCents", 50, "minCents", 0,
                "maxCents", 20000, "mode", "ADD"), "lits (hébergement collectif)", "bedden (groepsverblijf)",
                "beds (group lodging)");
        rule(tenant, lodgingMembership, PriceRuleKind.PERCENT, new Condition("main", Operator.EQUALS, List.of("false")),
                Map.of("percent", "-50"), "établissement secondaire", "nevenvestiging", "secondary establishment");
        loyaltyAndPartner(tenant, lodgingMembership);
        donation(tenant, lodging, "DON-MEUB");

        RangeId restaurants = range(tenant, campaign, "Restauration", "Restaurants", "Restaurants", false, 3,
                segment.get("restaurants"));
        ProductId restaurantMembership = product(tenant, restaurants, "ADH-REST", ProductType.MANDATORY, 2000, 13000L,
                null, null, 1, Set.of(), "Adhésion restaurant", "Lidmaatschap restaurant", "Restaurant membership",
                "Adhésion à l'Office pour la saison, fiche dans le guide et sur le site.");
        rule(tenant, restaurantMembership, PriceRuleKind.BANDS, null, Map.of("field", "capacity_persons", "mode", "SET",
                "bands", List.of(Map.of("from", 0, "to", 40, "amountCents", 13000),
                        Map.of("from", 41, "to", 80, "amountCents", 16000),
                        Map.of("from", 81, "amountCents", 20000))), "couverts", "couverts", "covers");
        loyaltyAndPartner(tenant, restaurantMembership);
        product(tenant, restaurants, "WEB-REST", ProductType.SUBSCRIPTION, 2000, 7000L, null, null, 1, Set.of(),
                "Mise en avant sur le site web", "Uitgelicht op de website", "Featured on the website",
                "Votre restaurant en tête des résultats, renouvelé chaque saison.");
        donation(tenant, restaurants, "DON-REST");

        RangeId activities = range(tenant, campaign, "Activités, sites et commerces", "Activiteiten, bezienswaardigheden en winkels",
                "Activities, sights and shops", false, 4, segment.get("activities"));
        ProductId activityMembership = product(tenant, activities, "ADH-ACT", ProductType.MANDATORY, 2000, 11000L, null,
                null, 1, Set.of(), "Adhésion activité ou commerce", "Lidmaatschap activiteit of winkel",
                "Activity or shop membership", "Adhésion à l'Office pour la saison, fiche sur le site.");
        loyaltyAndPartner(tenant, activityMembership);
        product(tenant, activities, "DEPLIANTS", ProductType.OPTIONAL, 550, 2500L, null, null, 4, Set.of(),
                "Diffusion de dépliants (par lot de 500)", "Verspreiding van folders (per 500)",
                "Leaflet distribution (per 500)", "Vos dépliants dans nos bureaux d'information, par lot de 500.");
        donation(tenant, activities, "DON-ACT");

        // The congress bureau's listing comes on top of whatever else a venue or listed establishment gets.
        RangeId congress = range(tenant, campaign, "Bureau des congrès", "Congresbureau", "Convention bureau", true, 5,
                segment.get("congress"));
        ProductId listing = product(tenant, congress, "CONGRES", ProductType.OPTIONAL, 2000, 25000L, null, null, 1,
                Set.of(), "Référencement au Bureau des congrès", "Vermelding bij het congresbureau",
                "Convention bureau listing", "Votre offre séminaires dans le guide des congrès et sur le site affaires.");
        rule(tenant, listing, PriceRuleKind.PER_UNIT, new Condition("type", Operator.EQUALS, List.of("VENUE")),
                Map.of("field", "capacity_persons", "unitCents", 25, "minCents", 0, "maxCents", 25000, "mode", "ADD"),
                "places assises (lieu d'événements)", "zitplaatsen (evenementenlocatie)", "seats (event venue)");
        product(tenant, congress, "SALON-CONGRES", ProductType.OPTIONAL, 2000, 40000L, null, 12, 1, Set.of(listing),
                "Stand au salon des congrès", "Stand op de congresbeurs", "Stand at the convention fair",
                "Un stand au salon annuel des organisateurs d'événements (12 stands).");
        return campaign;
    }

    private void loyaltyAndPartner(TenantId tenant, ProductId product) {
        rule(tenant, product, PriceRuleKind.PERCENT, new Condition("member_seasons", Operator.BETWEEN, List.of("5", "")),
                Map.of("percent", "-10"), "fidélité (5 saisons et plus)", "trouw (5 seizoenen of meer)",
                "loyalty (5 seasons or more)");
        rule(tenant, product, PriceRuleKind.ADJUST, new Condition("custom.partner_association", Operator.EQUALS,
                List.of("true")), Map.of("amountCents", -2000), "membre d'une association partenaire",
                "lid van een partnervereniging", "member of a partner association");
    }

    private RangeId range(TenantId tenant, CampaignId campaign, String fr, String nl, String en, boolean additional,
                          int position, SegmentId segment) {
        RangeId range = catalogue.createRange(tenant, campaign, new RangeForm(Map.of(Language.FR, fr, Language.NL, nl,
                Language.EN, en), additional, position), Actor.SYSTEM);
        catalogue.assign(tenant, range, segment, 10, Actor.SYSTEM);
        return range;
    }

    private ProductId product(TenantId tenant, RangeId range, String code, ProductType type, int vat, Long price,
                              Long donationMinimum, Integer stock, int max, Set<ProductId> requires, String fr,
                              String nl, String en, String description) {
        return catalogue.createProduct(tenant, range, new ProductForm(code, Map.of(Language.FR, fr, Language.NL, nl,
                Language.EN, en), Map.of(Language.FR, description), type, vat, price, donationMinimum, null, null, stock,
                max, requires, Set.of(), 0), Actor.SYSTEM);
    }

    private void donation(TenantId tenant, RangeId range, String code) {
        product(tenant, range, code, ProductType.DONATION, 0, null, 1000L, null, 1, Set.of(),
                "Don au fonds de promotion du territoire", "Gift aan het promotiefonds", "Donation to the promotion fund",
                "Un montant libre (10 € au moins) pour les campagnes de promotion du territoire.");
    }

    private void rule(TenantId tenant, ProductId product, PriceRuleKind kind, Criterion condition,
                      Map<String, Object> params, String fr, String nl, String en) {
        catalogue.addRule(tenant, product, new RuleForm(kind, condition, params, Map.of(Language.FR, fr,
                Language.NL, nl, Language.EN, en)), Actor.SYSTEM);
    }

    /** Transfer to the office's account (a valid French IBAN), cheques, cash at the front desk, cards. */
    private void paymentSettings(TenantId tenant) {
        payments.saveSettings(tenant, new PaymentSettings(true, "Office de tourisme de la Baie des Falaises",
                "FR7630006000011234567890189", "AGRIFRPP", true, "Office de tourisme de la Baie des Falaises",
                "Office de tourisme de la Baie des Falaises\n12 quai d'Honneur\n14520 Port-les-Falaises", true,
                Map.of(Language.FR, "À l'accueil de l'office de tourisme, 12 quai d'Honneur, du lundi au samedi de 9 h 30 à 18 h.",
                        Language.NL, "Aan de balie van het toeristisch bureau, 12 quai d'Honneur, van maandag tot zaterdag van 9.30 tot 18 uur.",
                        Language.EN, "At the tourist office's front desk, 12 quai d'Honneur, Monday to Saturday, 9.30 am to 6 pm."),
                true, 30), Actor.SYSTEM);
    }

    /** Complete invoice settings (a made-up but valid SIREN, SIRET, APE code and VAT number), issued at payment. */
    private void invoiceSettings(TenantId tenant) {
        invoices.save(tenant, new InvoiceSettings("Office de tourisme de la Baie des Falaises", "Association loi 1901",
                "12 quai d'Honneur", "14520", "Port-les-Falaises", "FR", "812345676", "81234567600017", "79.90Z",
                "FR19812345676", InvoiceSettings.VatRegime.STANDARD, null, "Service adhésions",
                "adhesions@baie-des-falaises.test", "+33 2 31 00 00 00",
                "Crédit Agricole Normandie — IBAN FR76 3000 6000 0112 3456 7890 189 — BIC AGRIFRPP",
                "Paiement à 30 jours date de commande.", "Pas d'escompte pour paiement anticipé.",
                "Pénalités de retard : trois fois le taux d'intérêt légal, exigibles dès le lendemain de l'échéance.",
                "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € (art. L441-10 du Code de commerce).",
                "Office de tourisme de la Baie des Falaises — merci de votre adhésion.", InvoiceSettings.IssueAt.PAYMENT,
                "FA-{YYYY}-{SEQ:5}", "", "AV-{YYYY}-{SEQ:5}", ""), Actor.SYSTEM);
    }

    private void publishTerms(TenantId tenant) {
        var draft = terms.saveDraft(tenant, Map.of(
                Language.FR, """
                        Conditions générales de vente des adhésions

                        1. Objet. Les présentes conditions régissent l'adhésion des professionnels du tourisme à \
                        l'Office de Tourisme pour la saison indiquée dans la campagne et les prestations associées.

                        2. Prix. Les prix sont indiqués hors taxes ; la TVA applicable est ajoutée. Le prix de \
                        chaque prestation et son calcul sont affichés avant la commande.

                        3. Paiement. Par virement, chèque, espèces à l'accueil de l'Office ou carte bancaire en \
                        ligne. Paiement à 30 jours à compter de la facture, sans escompte pour paiement anticipé. \
                        Tout retard entraîne des pénalités au taux de trois fois le taux d'intérêt légal et une \
                        indemnité forfaitaire de 40 € pour frais de recouvrement.

                        4. Prestations en nombre limité. Les pages de guide et les stands sont attribués dans \
                        l'ordre des commandes.""",
                Language.NL, """
                        Algemene verkoopvoorwaarden voor lidmaatschappen

                        1. Voorwerp. Deze voorwaarden regelen het lidmaatschap van toeristische professionals bij \
                        de Dienst voor Toerisme voor het seizoen van de campagne en de bijbehorende diensten.

                        2. Prijzen. Prijzen zijn exclusief btw; de toepasselijke btw wordt toegevoegd.

                        3. Betaling. Per overschrijving, cheque, contant of online met een bankkaart, binnen \
                        30 dagen na factuurdatum, zonder korting voor vroegere betaling. Bij laattijdige betaling: \
                        interest aan driemaal de wettelijke rentevoet en een forfaitaire vergoeding van € 40.""",
                Language.EN, """
                        Terms of sale for memberships

                        1. Scope. These terms govern tourism professionals' membership of the Tourist Office for \
                        the campaign's season and the related services.

                        2. Prices. Prices exclude VAT; the applicable VAT is added.

                        3. Payment. By bank transfer, cheque, cash at the office or card online, within 30 days \
                        of the invoice, no discount for early payment. Late payment: interest at three times the \
                        legal rate and a fixed €40 recovery indemnity."""), Actor.SYSTEM);
        terms.publish(tenant, draft.id(), Actor.SYSTEM);
    }

    private void defineCustomFields(TenantId tenant) {
        customFields.define(tenant, new CustomField("partner_association", FieldType.BOOLEAN, Map.of(
                Language.FR, "Membre d'une association partenaire",
                Language.NL, "Lid van een partnervereniging",
                Language.EN, "Member of a partner association"), List.of(), 1), Actor.SYSTEM);
        customFields.define(tenant, new CustomField("congress_bureau", FieldType.BOOLEAN, Map.of(
                Language.FR, "Référencé au Bureau des congrès",
                Language.NL, "Opgenomen bij het congresbureau",
                Language.EN, "Listed by the convention bureau"), List.of(), 2), Actor.SYSTEM);
        customFields.define(tenant, new CustomField("special_case", FieldType.TEXT, Map.of(
                Language.FR, "Cas particulier",
                Language.NL, "Bijzonder geval",
                Language.EN, "Special case"), List.of(), 3), Actor.SYSTEM);
    }

    private Map<String, EstablishmentId> loadEstablishments(TenantId tenant) {
        var made = new LinkedHashMap<String, EstablishmentId>();
        // The Hôtel des Falaises and the Gîte du Phare belong to one owner: the hotel is the main establishment.
        OrganisationId roux = establishments.organisation(tenant, siren(101), "SARL Roux Hospitalité");
        for (int i = 0; i < PLACES.size(); i++) {
            Place place = PLACES.get(i);
            boolean rouxFamily = place.name().equals("Hôtel des Falaises") || place.name().equals("Gîte du Phare");
            String siren = rouxFamily ? siren(101) : siren(200 + i);
            String siret = siret(siren, rouxFamily && place.type() == EstablishmentType.RENTAL ? 2 : 1);
            OrganisationId organisation = rouxFamily ? roux : null;
            boolean main = !(rouxFamily && place.type() == EstablishmentType.RENTAL);
            Map<String, Object> custom = new HashMap<>();
            custom.put("partner_association", place.partner());
            custom.put("congress_bureau", place.congress());
            String slug = place.name().toLowerCase().replaceAll("[^a-z]+", "-").replaceAll("(^-|-$)", "");
            var details = new EstablishmentDetails(organisation, main, place.name(), legalName(place), siret,
                    FrenchVatNumber.forSiren(new Siren(siren)).value(), place.type(), place.scheme(), place.value(),
                    place.persons(), place.rooms(), place.pitches(), null,
                    rouxFamily ? "pro@hotel-des-falaises.test" : "contact@" + slug + ".test", "02 31 00 " + String.format("%02d %02d", i / 10 + 10, i % 100),
                    "https://" + slug + ".test", List.of(), place.street(), place.postcode(), place.city(), "FR",
                    BigDecimal.valueOf(place.lat()), BigDecimal.valueOf(place.lon()), custom);
            EstablishmentId id = establishments.create(tenant, details, Actor.SYSTEM);
            for (int season : place.seasons()) {
                establishments.recordMembership(tenant, id, season, "IMPORT", Actor.SYSTEM);
            }
            made.put(place.name(), id);
        }
        return made;
    }

    private static String legalName(Place place) {
        return switch (place.type()) {
            case RESTAURANT, SHOP, OTHER -> "SARL " + place.name();
            case ACTIVITY, VENUE -> "SAS " + place.name();
            default -> "SARL " + place.name();
        };
    }

    private Map<String, SegmentId> saveSegments(TenantId tenant) {
        var saved = new LinkedHashMap<String, SegmentId>();
        saved.put("hotels", segments.save(tenant, null, "Hôtels", type("HOTEL"), Actor.SYSTEM));
        saved.put("campsites", segments.save(tenant, null, "Campings", type("CAMPSITE"), Actor.SYSTEM));
        saved.put("rentals", segments.save(tenant, null, "Meublés et gîtes", type("RENTAL"), Actor.SYSTEM));
        saved.put("groups", segments.save(tenant, null, "Hébergements collectifs", type("GROUP_LODGING"), Actor.SYSTEM));
        saved.put("restaurants", segments.save(tenant, null, "Restaurants", type("RESTAURANT"), Actor.SYSTEM));
        saved.put("activities", segments.save(tenant, null, "Activités, sites et commerces",
                new Condition("type", Operator.ONE_OF, List.of("ACTIVITY", "SHOP", "OTHER")), Actor.SYSTEM));
        saved.put("congress", segments.save(tenant, null, "Bureau des congrès", new Group(Junction.ANY, List.of(
                new Condition("type", Operator.EQUALS, List.of("VENUE")),
                new Condition("custom.congress_bureau", Operator.EQUALS, List.of("true")))), Actor.SYSTEM));
        saved.put("loyal", segments.save(tenant, null, "Fidèles (5 saisons et plus)",
                new Condition("member_seasons", Operator.BETWEEN, List.of("5", "")), Actor.SYSTEM));
        saved.put("prospects", segments.save(tenant, null, "Jamais adhérents",
                new Condition("member_seasons", Operator.BETWEEN, List.of("0", "0")), Actor.SYSTEM));
        return saved;
    }

    private static Criterion type(String type) {
        return new Condition("type", Operator.EQUALS, List.of(type));
    }

    /** An invented SIREN with a valid Luhn check digit, distinct per seed. */
    static String siren(int seed) {
        String base = String.format("81%06d", seed * 7919 % 1_000_000);
        for (int d = 0; d < 10; d++) {
            if (Siren.isValid(base + d)) {
                return base + d;
            }
        }
        throw new IllegalStateException("no check digit");
    }

    /** An invented SIRET of that SIREN: establishment number {@code n} with a valid Luhn check digit. */
    static String siret(String siren, int n) {
        String base = siren + String.format("%04d", n * 10);
        for (int d = 0; d < 10; d++) {
            if (Siret.isValid(base + d)) {
                return base + d;
            }
        }
        throw new IllegalStateException("no check digit");
    }
}
