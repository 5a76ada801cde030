package eu.localeconomy.membership.extranet;

import eu.localeconomy.membership.catalogue.Offer;
import eu.localeconomy.membership.catalogue.Offer.OfferedProduct;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.ProductType;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The basket's rules, pure: lines priced from the offer, totals with VAT per rate, and the checks of a change
 * (offered, available, quantity, stock, requires/excludes, donation minimum). Every refusal is a {@link
 * BasketException} naming the products in the reader's language.
 */
final class BasketRules {

    /** No donation above this (a typo of a few zeros must not become an order). */
    static final long MAX_DONATION_CENTS = 100_000_000L;

    private BasketRules() {
    }

    /**
     * The basket of the day: stored lines of products still offered, plus the mandatory available products (always
     * in, quantity 1 unless stored), in the offer's order.
     */
    static BasketView view(Offer offer, Collection<BasketLine> stored, String currency, LocalDate today) {
        Map<ProductId, BasketLine> byProduct = stored.stream()
                .collect(Collectors.toMap(BasketLine::product, Function.identity(), (a, b) -> a));
        List<BasketView.Line> lines = new ArrayList<>();
        for (OfferedProduct product : distinct(offer.products())) {
            BasketLine line = byProduct.get(product.id());
            if (line == null && !(product.type() == ProductType.MANDATORY && product.available())) {
                continue;
            }
            int quantity = line == null ? 1 : line.quantity();
            Money unit = product.type() == ProductType.DONATION
                    ? (line == null || line.donation() == null ? zero(currency) : line.donation())
                    : product.price().amount();
            Money seen = line == null ? unit : line.seenPrice();
            lines.add(new BasketView.Line(product, quantity, unit, times(unit, quantity), seen));
        }
        Map<Integer, Long> netPerRate = new TreeMap<>();
        long net = 0;
        for (var line : lines) {
            netPerRate.merge(line.product().vatRateBasisPoints(), line.net().cents(), Math::addExact);
            net = Math.addExact(net, line.net().cents());
        }
        List<BasketView.VatAmount> vat = new ArrayList<>();
        long vatTotal = 0;
        for (var rate : netPerRate.entrySet()) {
            long amount = vat(rate.getValue(), rate.getKey());
            vat.add(new BasketView.VatAmount(rate.getKey(), new Money(rate.getValue(), currency), new Money(amount, currency)));
            vatTotal = Math.addExact(vatTotal, amount);
        }
        return new BasketView(offer, List.copyOf(lines), new Money(net, currency), List.copyOf(vat),
                new Money(vatTotal, currency), new Money(Math.addExact(net, vatTotal), currency),
                offer.campaign().acceptsOrders(today));
    }

    /** VAT on a sum of nets at one rate, rounded half-up to the cent (EN 16931 computes it per rate this way). */
    static long vat(long netCents, int rateBasisPoints) {
        return BigDecimal.valueOf(netCents).multiply(BigDecimal.valueOf(rateBasisPoints))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP).longValueExact();
    }

    static void requireOpen(BasketView basket) {
        if (!basket.open()) {
            throw new BasketException("basket.error.campaignClosed");
        }
    }

    /** The product as offered to this establishment; anything else (another range, a forged id) is refused. */
    static OfferedProduct offered(Offer offer, ProductId product) {
        return offer.products().stream().filter(p -> p.id().equals(product)).findFirst()
                .orElseThrow(() -> new BasketException("basket.error.notOffered"));
    }

    /** Quantity within 1..max per order and the stock left; the product available today. */
    static void checkQuantity(OfferedProduct product, int quantity, Language language) {
        String name = name(product.names(), language);
        if (!product.available()) {
            throw new BasketException("basket.error.unavailable", name);
        }
        if (product.type() == ProductType.DONATION) {
            if (quantity != 1) {
                throw new BasketException("basket.error.quantity", name, 1);
            }
            return;
        }
        if (product.stockLeft() != null && product.stockLeft() < 1) {
            throw new BasketException("basket.error.soldOut", name);
        }
        if (quantity < 1 || quantity > product.maxPerOrder()) {
            throw new BasketException("basket.error.quantity", name, product.maxPerOrder());
        }
        if (product.stockLeft() != null && quantity > product.stockLeft()) {
            throw new BasketException("basket.error.outOfStock", name, product.stockLeft());
        }
    }

    /** Requires and excludes, both ways, over the products that would be in the basket. */
    static void checkCombination(Offer offer, Set<ProductId> inBasket, Language language) {
        Map<ProductId, OfferedProduct> products = new LinkedHashMap<>();
        distinct(offer.products()).forEach(p -> products.put(p.id(), p));
        for (ProductId id : inBasket) {
            OfferedProduct product = products.get(id);
            if (product == null) {
                continue;
            }
            for (ProductId required : product.requires()) {
                if (!inBasket.contains(required)) {
                    OfferedProduct other = products.get(required);
                    throw new BasketException("basket.error.requires", name(product.names(), language),
                            other == null ? "?" : name(other.names(), language));
                }
            }
            for (ProductId excluded : product.excludes()) {
                if (inBasket.contains(excluded)) {
                    throw new BasketException("basket.error.excludes", name(product.names(), language),
                            name(products.get(excluded).names(), language));
                }
            }
        }
    }

    /** A typed donation: an amount with at most two decimals, at least the minimum, not absurdly large. */
    static Money donation(OfferedProduct product, String typed, String currency, Language language) {
        Money amount;
        try {
            amount = Money.parse(typed, currency);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BasketException("basket.error.donationInvalid");
        }
        if (amount.isNegative() || amount.cents() > MAX_DONATION_CENTS) {
            throw new BasketException("basket.error.donationInvalid");
        }
        Money minimum = product.donationMinimum() == null ? zero(currency) : product.donationMinimum();
        if (amount.compareTo(minimum) < 0 || amount.cents() == 0) {
            throw new BasketException("basket.error.donationMinimum", name(product.names(), language), minimum);
        }
        return amount;
    }

    /** Products of the basket after a change, for the combination check. */
    static Set<ProductId> productsOf(BasketView basket) {
        Set<ProductId> ids = new HashSet<>();
        basket.lines().forEach(l -> ids.add(l.product().id()));
        return ids;
    }

    /** A text in the reader's language, else French (the tourism offices' language), else any. */
    static String name(Map<Language, String> texts, Language language) {
        if (texts == null || texts.isEmpty()) {
            return "";
        }
        String text = texts.get(language);
        if (text == null || text.isBlank()) {
            text = texts.getOrDefault(Language.FR, texts.values().iterator().next());
        }
        return text;
    }

    static Money times(Money unit, int quantity) {
        return new Money(Math.multiplyExact(unit.cents(), quantity), unit.currency());
    }

    private static Money zero(String currency) {
        return new Money(0, currency);
    }

    /** A product offered in two matching ranges appears once. */
    private static List<OfferedProduct> distinct(List<OfferedProduct> products) {
        Map<ProductId, OfferedProduct> seen = new LinkedHashMap<>();
        products.forEach(p -> seen.putIfAbsent(p.id(), p));
        return List.copyOf(seen.values());
    }
}
