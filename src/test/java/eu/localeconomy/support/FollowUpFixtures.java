package eu.localeconomy.support;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.CampaignStatus;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.membership.extranet.Baskets;
import eu.localeconomy.membership.extranet.CampaignPageVisited;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.membership.extranet.TermsOfSale;
import eu.localeconomy.membership.followup.Declines;
import eu.localeconomy.membership.payment.PaymentEntry;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.membership.payment.RefundEntry;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign whose prospects are spread over every stage of the follow-up, built on {@link BasketFixtures}'s office:
 * orders are placed through the extranet's {@code Orders}, paid, refunded and cancelled through {@code Payments};
 * the campaign's invitation mail is written in SQL as the reminders' sweep records it (a test should not wait for
 * the mail job), and a past season's order too (its campaign is closed).
 */
@Component
public class FollowUpFixtures {

    private final BasketFixtures baskets;
    private final DirectoryFixtures directory;
    private final Baskets basketService;
    private final Orders orders;
    private final Professionals professionals;
    private final TermsOfSale terms;
    private final CatalogueAdmin catalogue;
    private final ApplicationEventPublisher events;
    private final Payments payments;
    private final Declines declines;
    private final JdbcClient jdbc;
    private final Clock clock;

    FollowUpFixtures(BasketFixtures baskets, DirectoryFixtures directory, Baskets basketService, Orders orders,
                     Professionals professionals, TermsOfSale terms, CatalogueAdmin catalogue,
                     ApplicationEventPublisher events, Payments payments, Declines declines, JdbcClient jdbc,
                     Clock clock) {
        this.baskets = baskets;
        this.directory = directory;
        this.basketService = basketService;
        this.orders = orders;
        this.professionals = professionals;
        this.terms = terms;
        this.catalogue = catalogue;
        this.events = events;
        this.payments = payments;
        this.declines = declines;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The office's campaign with twelve prospects (eleven hotels, one campsite), one per situation:
     * <ul>
     *   <li>not invited: {@code zero}; invited: {@code invited}; visited: {@code visited}, and {@code cancelled} (its
     *       only order was cancelled); basket started: {@code basket};</li>
     *   <li>ordered: {@code office.hotel()} (transfer, nothing paid), {@code partial} (transfer, half paid),
     *       {@code cameBack} (said "not this season", then ordered), {@code cheque} (paid by cheque, then 10.00
     *       refunded: partially paid again);</li>
     *   <li>paid: {@code card} (card), {@code office.campsite()} (cash);</li>
     *   <li>declined: {@code declined}; visited again: {@code refunded} (paid by transfer, all given back).</li>
     * </ul>
     * A previous season's campaign (closed, same range name and product code ADH) has one paid order of the hotel.
     */
    public record Scenario(BasketFixtures.Office office, EstablishmentId zero, EstablishmentId invited,
                           EstablishmentId visited, EstablishmentId basket, EstablishmentId partial,
                           EstablishmentId cameBack, EstablishmentId card, EstablishmentId cheque,
                           EstablishmentId declined, EstablishmentId cancelled, EstablishmentId refunded,
                           Map<EstablishmentId, UUID> orders,
                           CampaignId previous, UUID previousOrder) {

        public TenantContext tenant() {
            return office.tenant().context();
        }
    }

    public Scenario scenario() {
        var office = baskets.office(true);
        TenantContext tenant = office.tenant().context();
        TenantId t = tenant.id();
        var products = office.products();
        EstablishmentId zero = directory.establishment(t, "Hôtel Zéro").type(EstablishmentType.HOTEL).rooms(5).create();
        EstablishmentId invited = directory.establishment(t, "Hôtel Invité").type(EstablishmentType.HOTEL).rooms(6).create();
        invitationSent(t, office.campaign(), invited);
        EstablishmentId visited = hotel(office, "Hôtel Visite");
        visit(t, office.campaign(), visited);
        EstablishmentId basket = hotel(office, "Hôtel Panier");
        basketService.add(tenant, office.campaign(), basket, products.web(), 1, Language.FR, Actor.SYSTEM);

        Map<EstablishmentId, UUID> placed = new java.util.LinkedHashMap<>();
        placed.put(office.hotel(), order(tenant, office.campaign(), office.hotel(), products.guide(), PaymentMethod.TRANSFER));
        EstablishmentId partial = hotel(office, "Hôtel Partiel");
        UUID partialOrder = order(tenant, office.campaign(), partial, products.web(), PaymentMethod.TRANSFER);
        placed.put(partial, partialOrder);
        pay(t, partialOrder, PaymentMethod.TRANSFER, gross(t, partialOrder) / 2);
        EstablishmentId cameBack = hotel(office, "Hôtel Revenu");
        decline(t, office.campaign(), cameBack);
        placed.put(cameBack, order(tenant, office.campaign(), cameBack, products.guide(), PaymentMethod.CHEQUE));
        EstablishmentId card = hotel(office, "Hôtel Carte");
        UUID cardOrder = order(tenant, office.campaign(), card, products.web(), PaymentMethod.CARD);
        placed.put(card, cardOrder);
        pay(t, cardOrder, PaymentMethod.CARD, gross(t, cardOrder));
        EstablishmentId cheque = hotel(office, "Hôtel Chèque");
        UUID chequeOrder = order(tenant, office.campaign(), cheque, products.guide(), PaymentMethod.CHEQUE);
        placed.put(cheque, chequeOrder);
        UUID chequePayment = pay(t, chequeOrder, PaymentMethod.CHEQUE, gross(t, chequeOrder));
        refund(t, chequeOrder, chequePayment, PaymentMethod.CHEQUE, 1000);
        UUID campsiteOrder = order(tenant, office.campaign(), office.campsite(), null, PaymentMethod.CASH);
        placed.put(office.campsite(), campsiteOrder);
        pay(t, campsiteOrder, PaymentMethod.CASH, gross(t, campsiteOrder));
        EstablishmentId declined = hotel(office, "Hôtel Non");
        visit(t, office.campaign(), declined);
        decline(t, office.campaign(), declined);
        EstablishmentId cancelled = hotel(office, "Hôtel Annulé");
        visit(t, office.campaign(), cancelled);
        UUID cancelledOrder = order(tenant, office.campaign(), cancelled, products.guide(), PaymentMethod.TRANSFER);
        payments.cancel(t, cancelledOrder, "Erreur de saisie", Actor.SYSTEM);
        EstablishmentId refunded = hotel(office, "Hôtel Remboursé");
        visit(t, office.campaign(), refunded);
        UUID refundedOrder = order(tenant, office.campaign(), refunded, products.web(), PaymentMethod.TRANSFER);
        placed.put(refunded, refundedOrder);
        UUID refundedPayment = pay(t, refundedOrder, PaymentMethod.TRANSFER, gross(t, refundedOrder));
        refund(t, refundedOrder, refundedPayment, PaymentMethod.TRANSFER, gross(t, refundedOrder));

        // Last season: the same range and membership product; the hotel paid 150.00 excl. VAT by transfer.
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
        int season = catalogue.campaign(t, office.campaign()).orElseThrow().season() - 1;
        CampaignId previous = catalogue.createCampaign(t, new CatalogueAdmin.CampaignForm(season, "Campagne " + season,
                today.minusYears(1).minusDays(30), today.minusYears(1).plusDays(60), CampaignStatus.CLOSED,
                Map.of(Language.FR, "Saison passée")), Actor.SYSTEM);
        RangeId hotels = catalogue.createRange(t, previous, new CatalogueAdmin.RangeForm(Map.of(Language.FR, "Gamme hôtels",
                Language.EN, "Gamme hôtels (en)", Language.NL, "Gamme hôtels (nl)"), false, 0), Actor.SYSTEM);
        SegmentId segment = catalogue.ranges(t, office.campaign()).getFirst().segments().getFirst().segment();
        catalogue.assign(t, hotels, segment, 10, Actor.SYSTEM);
        ProductId membership = catalogue.createProduct(t, hotels, new CatalogueAdmin.ProductForm("ADH",
                Map.of(Language.FR, "Adhésion", Language.EN, "Membership", Language.NL, "Lidmaatschap"), Map.of(),
                ProductType.MANDATORY, 2000, 15000L, null, null, null, null, 1, java.util.Set.of(), java.util.Set.of(), 0),
                Actor.SYSTEM);
        UUID previousOrder = sqlOrder(t, previous, office.hotel(), membership, 15000, 2000);
        pay(t, previousOrder, PaymentMethod.TRANSFER, 18000);
        return new Scenario(office, zero, invited, visited, basket, partial, cameBack, card, cheque, declined,
                cancelled, refunded, placed, previous, previousOrder);
    }

    /** A new hotel with its own professional. */
    public EstablishmentId hotel(BasketFixtures.Office office, String name) {
        var pro = baskets.hotelWithProfessional(office, name);
        return professionals.establishmentsOf(office.tenant().id(), pro.principal().userId()).getFirst();
    }

    /** Places an order through the extranet: the mandatory lines plus {@code product} if given. */
    public UUID order(TenantContext tenant, CampaignId campaign, EstablishmentId establishment, ProductId product,
                      PaymentMethod method) {
        if (product != null) {
            basketService.add(tenant, campaign, establishment, product, 1, Language.FR, Actor.SYSTEM);
        } else {
            basketService.open(tenant, campaign, establishment, Actor.SYSTEM);
        }
        UUID account = jdbc.sql("select account_id from membership_professional where tenant_id = ? and establishment_id = ? limit 1")
                .params(tenant.id().value(), establishment.value()).query(UUID.class).single();
        var pro = new eu.localeconomy.account.AccountPrincipal(new eu.localeconomy.shared.UserId(account), tenant.id(),
                tenant.slug(), "pro", eu.localeconomy.account.Role.PROFESSIONAL, Language.FR);
        var outcome = orders.place(tenant, campaign, establishment, new Orders.Checkout(method,
                terms.current(tenant.id()).orElseThrow().id(), true, UUID.randomUUID()), Language.FR, pro);
        return ((Orders.Placed) outcome).orderId();
    }

    /** The campaign invitation mail, as the reminders' job records it. */
    public void invitationSent(TenantId tenant, CampaignId campaign, EstablishmentId establishment) {
        UUID step = jdbc.sql("""
                        select id from membership_reminder_step where tenant_id = ? and campaign_id = ? and trigger = 'INVITATION'""")
                .params(tenant.value(), campaign.value()).query(UUID.class).optional().orElseGet(() -> {
                    UUID id = UUID.randomUUID();
                    jdbc.sql("""
                                    insert into membership_reminder_step (id, tenant_id, campaign_id, trigger, days, mandatory, position)
                                    values (?, ?, ?, 'INVITATION', 0, true, 0)""")
                            .params(id, tenant.value(), campaign.value()).update();
                    return id;
                });
        jdbc.sql("""
                        insert into membership_reminder_sent (tenant_id, step_id, establishment_id, campaign_id, language, sent_at)
                        values (?, ?, ?, ?, 'fr', ?)""")
                .params(tenant.value(), step, establishment.value(), campaign.value(), Timestamp.from(clock.instant()))
                .update();
    }

    public void visit(TenantId tenant, CampaignId campaign, EstablishmentId establishment) {
        events.publishEvent(new CampaignPageVisited(tenant, campaign, establishment, null));
    }

    public void decline(TenantId tenant, CampaignId campaign, EstablishmentId establishment) {
        declines.decline(tenant, campaign, establishment, "Travaux cette année", Actor.SYSTEM, true);
    }

    public long gross(TenantId tenant, UUID order) {
        return jdbc.sql("select gross_cents from membership_order where tenant_id = ? and id = ?")
                .params(tenant.value(), order).query(Long.class).single();
    }

    /** A payment recorded by staff (Payments), received today. */
    public UUID pay(TenantId tenant, UUID order, PaymentMethod method, long cents) {
        return payments.record(tenant, order, new PaymentEntry(method, new Money(cents, Money.EUR), today(), null,
                method == PaymentMethod.CHEQUE ? "0001234" : null, false, null, UUID.randomUUID().toString()),
                Actor.SYSTEM).id();
    }

    /** A refund of (part of) a payment, recorded offline. */
    public void refund(TenantId tenant, UUID order, UUID payment, PaymentMethod method, long cents) {
        payments.refund(tenant, order, new RefundEntry(payment, new Money(cents, Money.EUR), today(), null,
                "Geste commercial", UUID.randomUUID().toString()), Actor.SYSTEM);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
    }

    /** An order written directly (a past season's campaign no longer takes orders): one line, 20 % VAT or as given. */
    public UUID sqlOrder(TenantId tenant, CampaignId campaign, EstablishmentId establishment, ProductId product,
                         long netCents, int vatBp) {
        UUID id = UUID.randomUUID();
        long vat = Math.round(netCents * vatBp / 10000.0);
        Instant placedAt = clock.instant().minusSeconds(365L * 86400);
        jdbc.sql("""
                        insert into membership_order (id, tenant_id, campaign_id, establishment_id, currency, net_cents,
                            vat_cents, gross_cents, vat_per_rate, payment_method, status, terms_acceptance_id, form_token,
                            language, placed_by, placed_at)
                        values (?, ?, ?, ?, 'EUR', ?, ?, ?, cast(? as jsonb), 'TRANSFER', 'AWAITING_PAYMENT', ?, ?, 'fr', ?, ?)""")
                .params(id, tenant.value(), campaign.value(), establishment.value(), netCents, vat, netCents + vat,
                        "[{\"rateBp\": " + vatBp + ", \"netCents\": " + netCents + ", \"vatCents\": " + vat + "}]",
                        UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Timestamp.from(placedAt))
                .update();
        jdbc.sql("""
                        insert into membership_order_line (tenant_id, order_id, position, product_id, code, name, names, type,
                            quantity, unit_price_cents, vat_rate_bp, net_cents)
                        values (?, ?, 1, ?, 'ADH', 'Adhésion', '{"fr": "Adhésion"}', 'MANDATORY', 1, ?, ?, ?)""")
                .params(tenant.value(), id, product.value(), netCents, vatBp, netCents).update();
        return id;
    }
}
