package eu.localeconomy.membership.extranet;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.Offer;
import eu.localeconomy.membership.catalogue.Offer.OfferedProduct;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The establishments' baskets. Each change locks the basket row, checks the change against the offer of the day and
 * answers the basket as it now is; a refused change throws {@link BasketException} and leaves it untouched. Callers
 * check first that the person may act for the establishment ({@link Professionals#mayActFor}).
 */
@Service
public class Baskets {

    private final JdbcClient jdbc;
    private final Catalogue catalogue;
    private final Clock clock;

    Baskets(JdbcClient jdbc, Catalogue catalogue, Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    java.time.Instant now() {
        return clock.instant();
    }

    LocalDate today(TenantContext tenant) {
        return tenant.today(clock);
    }

    /** The basket as it would be with nothing chosen yet: "view as prospect" reads it and writes nothing. */
    @Transactional(readOnly = true)
    public BasketView preview(TenantContext tenant, CampaignId campaign, EstablishmentId establishment) {
        LocalDate today = today(tenant);
        return BasketRules.view(catalogue.offerFor(tenant.id(), campaign, establishment, today), List.of(),
                tenant.currency(), today);
    }

    /** The establishment's basket; opening it in an open campaign saves it with its mandatory lines. */
    @Transactional
    public BasketView open(TenantContext tenant, CampaignId campaign, EstablishmentId establishment, Actor actor) {
        LocalDate today = today(tenant);
        Offer offer = catalogue.offerFor(tenant.id(), campaign, establishment, today);
        Optional<UUID> existing = find(tenant.id(), campaign, establishment);
        List<BasketLine> stored = existing.map(id -> lines(tenant.id(), id, tenant.currency())).orElse(List.of());
        BasketView view = BasketRules.view(offer, stored, tenant.currency(), today);
        if (view.open()) {
            boolean missingMandatory = view.lines().stream()
                    .anyMatch(l -> l.mandatory() && stored.stream().noneMatch(s -> s.product().equals(l.product().id())));
            if (missingMandatory) {
                UUID basket = lock(tenant.id(), campaign, establishment, actor);
                view.lines().stream().filter(BasketView.Line::mandatory)
                        .forEach(l -> insertIfMissing(tenant.id(), basket, l.product().id(), l.quantity(), null, l.unitPrice()));
            }
        }
        return view;
    }

    /** Adds an optional product (or sets its quantity when it is already in). */
    @Transactional
    public BasketView add(TenantContext tenant, CampaignId campaign, EstablishmentId establishment, ProductId product,
                          int quantity, Language language, Actor actor) {
        return change(tenant, campaign, establishment, actor, (basket, offer, view) -> {
            OfferedProduct offered = BasketRules.offered(offer, product);
            if (offered.type() == ProductType.DONATION) {
                throw new BasketException("basket.error.donationInvalid");
            }
            BasketRules.checkQuantity(offered, quantity, language);
            Set<ProductId> after = BasketRules.productsOf(view);
            after.add(product);
            BasketRules.checkCombination(offer, after, language);
            save(tenant.id(), basket, product, quantity, null, offered.price().amount());
        });
    }

    /** Changes a quantity within 1..max per order and the stock left. */
    @Transactional
    public BasketView quantity(TenantContext tenant, CampaignId campaign, EstablishmentId establishment,
                               ProductId product, int quantity, Language language, Actor actor) {
        return change(tenant, campaign, establishment, actor, (basket, offer, view) -> {
            OfferedProduct offered = BasketRules.offered(offer, product);
            BasketRules.checkQuantity(offered, quantity, language);
            var line = view.line(product).orElseThrow(() -> new BasketException("basket.error.notInBasket"));
            // The price seen stays the one of the moment the line was added: checkout compares with it.
            save(tenant.id(), basket, product, quantity, line.donation() ? line.unitPrice() : null, line.seenPrice());
        });
    }

    /** Removes an optional product; mandatory ones stay, and a product another one requires stays too. */
    @Transactional
    public BasketView remove(TenantContext tenant, CampaignId campaign, EstablishmentId establishment,
                             ProductId product, Language language, Actor actor) {
        return change(tenant, campaign, establishment, actor, (basket, offer, view) -> {
            OfferedProduct offered = BasketRules.offered(offer, product);
            if (offered.type() == ProductType.MANDATORY) {
                throw new BasketException("basket.error.mandatory", BasketRules.name(offered.names(), language));
            }
            Set<ProductId> after = BasketRules.productsOf(view);
            after.remove(product);
            for (var line : view.lines()) {
                if (after.contains(line.product().id()) && line.product().requires().contains(product)) {
                    throw new BasketException("basket.error.requiredBy", BasketRules.name(offered.names(), language),
                            BasketRules.name(line.product().names(), language));
                }
            }
            jdbc.sql("delete from membership_basket_line where tenant_id = ? and basket_id = ? and product_id = ?")
                    .params(tenant.id().value(), basket, product.value()).update();
        });
    }

    /** Sets the amount of a donation product; an empty amount takes the donation out. */
    @Transactional
    public BasketView donation(TenantContext tenant, CampaignId campaign, EstablishmentId establishment,
                               ProductId product, String typed, Language language, Actor actor) {
        return change(tenant, campaign, establishment, actor, (basket, offer, view) -> {
            OfferedProduct offered = BasketRules.offered(offer, product);
            if (offered.type() != ProductType.DONATION) {
                throw new BasketException("basket.error.notOffered");
            }
            if (!offered.available()) {
                throw new BasketException("basket.error.unavailable", BasketRules.name(offered.names(), language));
            }
            if (typed == null || typed.isBlank()) {
                jdbc.sql("delete from membership_basket_line where tenant_id = ? and basket_id = ? and product_id = ?")
                        .params(tenant.id().value(), basket, product.value()).update();
                return;
            }
            Money amount = BasketRules.donation(offered, typed.length() > 20 ? "x" : typed, tenant.currency(), language);
            Set<ProductId> after = BasketRules.productsOf(view);
            after.add(product);
            BasketRules.checkCombination(offer, after, language);
            save(tenant.id(), basket, product, 1, amount, null);
        });
    }

    @FunctionalInterface
    interface Change {
        void apply(UUID basket, Offer offer, BasketView before);
    }

    private BasketView change(TenantContext tenant, CampaignId campaign, EstablishmentId establishment, Actor actor,
                              Change change) {
        LocalDate today = today(tenant);
        Offer offer = catalogue.offerFor(tenant.id(), campaign, establishment, today);
        UUID basket = lock(tenant.id(), campaign, establishment, actor);
        List<BasketLine> stored = lines(tenant.id(), basket, tenant.currency());
        BasketView before = BasketRules.view(offer, stored, tenant.currency(), today);
        BasketRules.requireOpen(before);
        before.lines().stream()
                .filter(l -> l.mandatory() && stored.stream().noneMatch(s -> s.product().equals(l.product().id())))
                .forEach(l -> insertIfMissing(tenant.id(), basket, l.product().id(), l.quantity(), null, l.unitPrice()));
        change.apply(basket, offer, before);
        return BasketRules.view(offer, lines(tenant.id(), basket, tenant.currency()), tenant.currency(), today);
    }

    // ---- Storage ----------------------------------------------------------------------------------------------

    Optional<UUID> find(TenantId tenant, CampaignId campaign, EstablishmentId establishment) {
        return jdbc.sql("""
                        select id from membership_basket
                        where tenant_id = ? and campaign_id = ? and establishment_id = ?""")
                .params(tenant.value(), campaign.value(), establishment.value()).query(UUID.class).optional();
    }

    /** Creates the basket if needed and locks its row for the rest of the transaction; records who changed it. */
    UUID lock(TenantId tenant, CampaignId campaign, EstablishmentId establishment, Actor actor) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into membership_basket (id, tenant_id, campaign_id, establishment_id, updated_by, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, campaign_id, establishment_id) do nothing""")
                .params(UUID.randomUUID(), tenant.value(), campaign.value(), establishment.value(),
                        actor == null ? null : actor.actorId(), now).update();
        return jdbc.sql("""
                        update membership_basket set version = version + 1, updated_by = ?, updated_at = ?
                        where tenant_id = ? and campaign_id = ? and establishment_id = ?
                        returning id""")
                .params(actor == null ? null : actor.actorId(), now, tenant.value(), campaign.value(),
                        establishment.value())
                .query(UUID.class).single();
    }

    List<BasketLine> lines(TenantId tenant, UUID basket, String currency) {
        return jdbc.sql("""
                        select product_id, quantity, donation_cents, seen_price_cents
                        from membership_basket_line
                        where tenant_id = ? and basket_id = ? order by added_at""")
                .params(tenant.value(), basket)
                .query((rs, n) -> {
                    long donation = rs.getLong("donation_cents");
                    Money donated = rs.wasNull() ? null : new Money(donation, currency);
                    long seen = rs.getLong("seen_price_cents");
                    Money seenPrice = rs.wasNull() ? null : new Money(seen, currency);
                    return new BasketLine(new ProductId(rs.getObject("product_id", UUID.class)), rs.getInt("quantity"),
                            donated, seenPrice);
                }).list();
    }

    void save(TenantId tenant, UUID basket, ProductId product, int quantity, Money donation, Money seenPrice) {
        jdbc.sql("""
                        insert into membership_basket_line (tenant_id, basket_id, product_id, quantity, donation_cents,
                            seen_price_cents, added_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, basket_id, product_id) do update
                        set quantity = excluded.quantity, donation_cents = excluded.donation_cents,
                            seen_price_cents = excluded.seen_price_cents""")
                .params(tenant.value(), basket, product.value(), quantity, donation == null ? null : donation.cents(),
                        seenPrice == null ? null : seenPrice.cents(), Timestamp.from(clock.instant())).update();
    }

    private void insertIfMissing(TenantId tenant, UUID basket, ProductId product, int quantity, Money donation,
                                 Money seenPrice) {
        jdbc.sql("""
                        insert into membership_basket_line (tenant_id, basket_id, product_id, quantity, donation_cents,
                            seen_price_cents, added_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, basket_id, product_id) do nothing""")
                .params(tenant.value(), basket, product.value(), quantity, donation == null ? null : donation.cents(),
                        seenPrice == null ? null : seenPrice.cents(), Timestamp.from(clock.instant())).update();
    }

    /** After a price change was shown: the prices of the day become the ones seen. */
    void acknowledgePrices(TenantId tenant, UUID basket, List<BasketView.Line> lines) {
        for (var line : lines) {
            if (line.priceChanged()) {
                jdbc.sql("""
                                update membership_basket_line set seen_price_cents = ?
                                where tenant_id = ? and basket_id = ? and product_id = ?""")
                        .params(line.unitPrice().cents(), tenant.value(), basket, line.product().id().value()).update();
            }
        }
    }

    void empty(TenantId tenant, UUID basket) {
        jdbc.sql("delete from membership_basket_line where tenant_id = ? and basket_id = ?")
                .params(tenant.value(), basket).update();
    }
}
