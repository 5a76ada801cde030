package eu.localeconomy.membership.extranet;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.Offer;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Placing an order from a basket, in one transaction: re-price from the catalogue, check everything again, take the
 * stock, record the acceptance of the terms of sale, write the order with snapshots of its lines, empty the basket.
 * A form posted twice gives the same order (its token, then the one-live-order index).
 */
@Service
public class Orders {

    /** What a checkout led to. */
    public sealed interface Outcome {
    }

    public record Placed(UUID orderId) implements Outcome {
    }

    /** Prices changed since the lines were added: shown, now taken as seen, to be confirmed again. */
    public record PricesChanged(List<PriceChange> changes) implements Outcome {
    }

    public record PriceChange(String product, Money before, Money after) {
    }

    /** The checkout form: payment method, the terms version shown and whether its box was ticked, the form's token. */
    public record Checkout(PaymentMethod paymentMethod, UUID termsVersion, boolean termsAccepted, UUID formToken) {
    }

    public record Summary(UUID id, CampaignId campaignId, EstablishmentId establishmentId, OrderStatus status,
                          Money gross, Instant placedAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Baskets baskets;
    private final Catalogue catalogue;
    private final TermsOfSale terms;
    private final BasketFormat explanations;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ObjectProvider<CheckoutMethods> checkoutMethods;

    Orders(JdbcClient jdbc, Baskets baskets, Catalogue catalogue, TermsOfSale terms, BasketFormat explanations,
           AuditLog audit, ApplicationEventPublisher events, TransactionTemplate transactions,
           ObjectProvider<CheckoutMethods> checkoutMethods) {
        this.jdbc = jdbc;
        this.baskets = baskets;
        this.catalogue = catalogue;
        this.terms = terms;
        this.explanations = explanations;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        // A provider: the implementation (payments) itself reads orders.
        this.checkoutMethods = checkoutMethods;
    }

    /** The methods the checkout offers for this campaign (every method when nothing says otherwise). */
    public Set<PaymentMethod> methodsFor(TenantId tenant, CampaignId campaign) {
        CheckoutMethods methods = checkoutMethods.getIfAvailable();
        return methods == null ? EnumSet.allOf(PaymentMethod.class) : methods.methodsFor(tenant, campaign);
    }

    /** Places the establishment's basket as an order; BasketException when anything is refused (nothing written). */
    public Outcome place(TenantContext tenant, CampaignId campaign, EstablishmentId establishment, Checkout checkout,
                         Language language, Actor actor) {
        if (checkout.formToken() != null) {
            var same = byToken(tenant.id(), checkout.formToken());
            if (same.isPresent()) {
                return new Placed(same.get());
            }
        }
        if (checkout.paymentMethod() == null) {
            throw new BasketException("order.error.paymentMethod");
        }
        if (checkout.formToken() == null) {
            throw new BasketException("order.error.expired");
        }
        if (!methodsFor(tenant.id(), campaign).contains(checkout.paymentMethod())) {
            throw new BasketException("order.error.methodNotOffered");
        }
        try {
            return transactions.execute(s -> placeLocked(tenant, campaign, establishment, checkout, language, actor));
        } catch (DuplicateKeyException twice) {
            // Two submits raced past the lock-free look-ups: the first one's order is the answer.
            return byToken(tenant.id(), checkout.formToken()).or(() -> live(tenant.id(), campaign, establishment))
                    .map(id -> (Outcome) new Placed(id)).orElseThrow(() -> twice);
        }
    }

    private Outcome placeLocked(TenantContext tenant, CampaignId campaign, EstablishmentId establishment,
                                Checkout checkout, Language language, Actor actor) {
        TenantId tenantId = tenant.id();
        LocalDate today = baskets.today(tenant);
        Offer offer = catalogue.offerFor(tenantId, campaign, establishment, today);
        UUID basket = baskets.lock(tenantId, campaign, establishment, actor);
        // Behind the basket's lock: a second submit of another form finds the first one's order.
        var already = live(tenantId, campaign, establishment);
        if (already.isPresent()) {
            return new Placed(already.get());
        }
        BasketView view = BasketRules.view(offer, baskets.lines(tenantId, basket, tenant.currency()), tenant.currency(), today);
        BasketRules.requireOpen(view);
        if (view.empty()) {
            throw new BasketException("order.error.empty");
        }
        var current = terms.current(tenantId).orElseThrow(() -> new BasketException("order.error.noTerms"));
        if (!checkout.termsAccepted()) {
            throw new BasketException("order.error.termsRequired");
        }
        if (!current.id().equals(checkout.termsVersion())) {
            throw new BasketException("order.error.termsChanged");
        }
        for (var line : view.lines()) {
            if (line.donation()) {
                BasketRules.donation(line.product(), line.unitPrice().plain(), tenant.currency(), language);
            } else {
                BasketRules.checkQuantity(line.product(), line.quantity(), language);
            }
        }
        BasketRules.checkCombination(offer, BasketRules.productsOf(view), language);
        List<PriceChange> changes = view.lines().stream().filter(BasketView.Line::priceChanged)
                .map(l -> new PriceChange(BasketRules.name(l.product().names(), language), l.seenPrice(), l.unitPrice()))
                .toList();
        if (!changes.isEmpty()) {
            baskets.acknowledgePrices(tenantId, basket, view.lines());
            return new PricesChanged(changes);
        }
        for (var line : view.lines()) {
            if (line.product().stockLeft() != null && !catalogue.takeStock(tenantId, line.product().id(), line.quantity())) {
                throw new BasketException("basket.error.soldOut", BasketRules.name(line.product().names(), language));
            }
        }
        UserId account = new UserId(actor.actorId());
        UUID acceptance = terms.accept(tenantId, account, current.id());
        UUID order = UUID.randomUUID();
        Timestamp now = Timestamp.from(baskets.now());
        List<Map<String, Object>> vat = view.vatPerRate().stream().map(v -> Map.<String, Object>of(
                "rateBp", v.rateBasisPoints(), "netCents", v.net().cents(), "vatCents", v.vat().cents())).toList();
        jdbc.sql("""
                        insert into membership_order (id, tenant_id, campaign_id, establishment_id, currency, net_cents,
                            vat_cents, gross_cents, vat_per_rate, payment_method, status, terms_acceptance_id, form_token,
                            language, placed_by, placed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, 'AWAITING_PAYMENT', ?, ?, ?, ?, ?)""")
                .params(order, tenantId.value(), campaign.value(), establishment.value(), tenant.currency(),
                        view.net().cents(), view.vat().cents(), view.gross().cents(), JSON.writeValueAsString(vat),
                        checkout.paymentMethod().name(), acceptance, checkout.formToken(), language.code(),
                        account.value(), now)
                .update();
        int position = 0;
        for (var line : view.lines()) {
            var product = line.product();
            Map<String, String> names = new LinkedHashMap<>();
            product.names().forEach((l, n) -> names.put(l.code(), n));
            String name = BasketRules.name(product.names(), language);
            jdbc.sql("""
                            insert into membership_order_line (tenant_id, order_id, position, product_id, code, name, names,
                                type, quantity, unit_price_cents, vat_rate_bp, net_cents, explanation, donation_cents)
                            values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenantId.value(), order, ++position, product.id().value(), product.code(),
                            name.length() > 300 ? name.substring(0, 300) : name, JSON.writeValueAsString(names),
                            product.type().name(), line.quantity(), line.unitPrice().cents(),
                            product.vatRateBasisPoints(), line.net().cents(),
                            line.donation() ? null : explanations.explanation(product.price(), language.locale()),
                            line.donation() ? line.unitPrice().cents() : null)
                    .update();
        }
        baskets.empty(tenantId, basket);
        audit.record(actor, tenantId, "membership.order.placed", "membership_order", order, Map.of(
                "campaign", campaign.toString(), "establishment", establishment.toString(),
                "grossCents", view.gross().cents(), "paymentMethod", checkout.paymentMethod().name()));
        events.publishEvent(new OrderPlaced(tenantId, order, campaign, establishment));
        return new Placed(order);
    }

    public Optional<Order> find(TenantId tenant, UUID id) {
        var lines = jdbc.sql("""
                        select l.*, o.currency from membership_order_line l
                        join membership_order o on o.tenant_id = l.tenant_id and o.id = l.order_id
                        where l.tenant_id = ? and l.order_id = ? order by l.position""")
                .params(tenant.value(), id)
                .query((rs, n) -> {
                    String currency = rs.getString("currency");
                    long donation = rs.getLong("donation_cents");
                    Money donated = rs.wasNull() ? null : new Money(donation, currency);
                    return new Order.Line(rs.getInt("position"), new ProductId(rs.getObject("product_id", UUID.class)),
                            rs.getString("code"), rs.getString("name"), rs.getString("type"), rs.getInt("quantity"),
                            new Money(rs.getLong("unit_price_cents"), currency), rs.getInt("vat_rate_bp"),
                            new Money(rs.getLong("net_cents"), currency), rs.getString("explanation"), donated);
                }).list();
        return jdbc.sql("select * from membership_order where tenant_id = ? and id = ?")
                .params(tenant.value(), id)
                .query((rs, n) -> {
                    String currency = rs.getString("currency");
                    List<Map<String, Number>> rates = JSON.readValue(rs.getString("vat_per_rate"), new TypeReference<>() {
                    });
                    List<BasketView.VatAmount> vat = new ArrayList<>();
                    rates.forEach(r -> vat.add(new BasketView.VatAmount(r.get("rateBp").intValue(),
                            new Money(r.get("netCents").longValue(), currency),
                            new Money(r.get("vatCents").longValue(), currency))));
                    return new Order(id, new CampaignId(rs.getObject("campaign_id", UUID.class)),
                            new EstablishmentId(rs.getObject("establishment_id", UUID.class)),
                            OrderStatus.valueOf(rs.getString("status")), PaymentMethod.valueOf(rs.getString("payment_method")),
                            new Money(rs.getLong("net_cents"), currency), new Money(rs.getLong("vat_cents"), currency),
                            new Money(rs.getLong("gross_cents"), currency), List.copyOf(vat), lines,
                            rs.getTimestamp("placed_at").toInstant());
                }).optional();
    }

    /** The language the order was placed in (its invoice, pro-forma and mails use it); empty when unknown. */
    public Optional<Language> language(TenantId tenant, UUID id) {
        return jdbc.sql("select language from membership_order where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(String.class).optional().flatMap(Language::fromCode);
    }

    /** Orders of these establishments, latest first (the professional's home). */
    public List<Summary> ofEstablishments(TenantId tenant, Collection<EstablishmentId> establishments) {
        if (establishments.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, campaign_id, establishment_id, status, gross_cents, currency, placed_at
                        from membership_order where tenant_id = ? and establishment_id = any(?)
                        order by placed_at desc""")
                .params(tenant.value(), establishments.stream().map(EstablishmentId::value).toArray(UUID[]::new))
                .query((rs, n) -> new Summary(rs.getObject("id", UUID.class),
                        new CampaignId(rs.getObject("campaign_id", UUID.class)),
                        new EstablishmentId(rs.getObject("establishment_id", UUID.class)),
                        OrderStatus.valueOf(rs.getString("status")),
                        new Money(rs.getLong("gross_cents"), rs.getString("currency")),
                        rs.getTimestamp("placed_at").toInstant()))
                .list();
    }

    /** The establishment's live order in this campaign: neither cancelled nor fully refunded (those may be ordered again). */
    public Optional<UUID> live(TenantId tenant, CampaignId campaign, EstablishmentId establishment) {
        return jdbc.sql("""
                        select id from membership_order
                        where tenant_id = ? and campaign_id = ? and establishment_id = ?
                          and status not in ('CANCELLED', 'REFUNDED')""")
                .params(tenant.value(), campaign.value(), establishment.value()).query(UUID.class).optional();
    }

    private Optional<UUID> byToken(TenantId tenant, UUID token) {
        return jdbc.sql("select id from membership_order where tenant_id = ? and form_token = ?")
                .params(tenant.value(), token).query(UUID.class).optional();
    }
}
