package eu.localeconomy.support;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.card.CardFixtures;
import eu.localeconomy.membership.extranet.Baskets;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.TermsOfSale;
import eu.localeconomy.membership.payment.PaymentEntry;
import eu.localeconomy.membership.payment.PaymentRecord;
import eu.localeconomy.membership.payment.PaymentSettings;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * Orders placed and awaiting payment, built through the public APIs: {@link BasketFixtures}' office with payment
 * settings saved (transfer to a French IBAN, cheque, cash, card switched on), its hotel professional's basket holding
 * the mandatory membership, and
 * the order placed with the method asked for.
 */
@Component
public class OrderFixtures {

    public static final String IBAN = "FR7630006000011234567890189";
    public static final String IBAN_FORMATTED = "FR76 3000 6000 0112 3456 7890 189";
    public static final String BIC = "AGRIFRPP";

    private final BasketFixtures baskets;
    private final Baskets basketService;
    private final Orders orders;
    private final TermsOfSale terms;
    private final Payments payments;
    private final Clock clock;
    private final CardFixtures cards;

    OrderFixtures(BasketFixtures baskets, Baskets basketService, Orders orders, TermsOfSale terms, Payments payments,
                  Clock clock, CardFixtures cards) {
        this.cards = cards;
        this.baskets = baskets;
        this.basketService = basketService;
        this.orders = orders;
        this.terms = terms;
        this.payments = payments;
        this.clock = clock;
    }

    /** An office, its order and what that order costs (incl. VAT). */
    public record Placed(BasketFixtures.Office office, UUID orderId, Money gross) {

        public TenantId tenant() {
            return office.tenant().id();
        }
    }

    /** The office's payment settings: every method switched on, due in 30 days. */
    public static PaymentSettings settings() {
        return new PaymentSettings(true, "Office de tourisme de la Baie", IBAN, BIC, true, "Office de tourisme de la Baie",
                "1 quai des Falaises, 76000 Rouen", true, Map.of(Language.FR, "À l'accueil de l'office, du lundi au vendredi, 9 h – 17 h.",
                Language.EN, "At the office's front desk, Monday to Friday, 9 am – 5 pm.",
                Language.NL, "Aan de balie van het bureau, maandag tot vrijdag, 9 – 17 uur."), true, 30);
    }

    /** A new office with payment settings saved (nothing ordered yet). */
    public BasketFixtures.Office office() {
        var office = baskets.office(true);
        payments.saveSettings(office.tenant().id(), settings(), Actor.SYSTEM);
        return office;
    }

    /** A new office with payment settings and its hotel's order placed with this method, awaiting payment. */
    public Placed awaitingPayment(PaymentMethod method) {
        return awaitingPayment(office(), method, Language.FR);
    }

    /** The office's hotel orders its mandatory membership with this method, in this language. */
    public Placed awaitingPayment(BasketFixtures.Office office, PaymentMethod method, Language language) {
        return awaitingPayment(office, office.hotel(), office.hotelPro(), method, language);
    }

    /** This establishment's professional orders what its basket holds (at least its mandatory lines). */
    public Placed awaitingPayment(BasketFixtures.Office office, EstablishmentId establishment, TestTenants.Person pro,
                                  PaymentMethod method, Language language) {
        var tenant = office.tenant().context();
        basketService.open(tenant, office.campaign(), establishment, pro.principal());
        UUID current = terms.current(tenant.id()).orElseThrow().id();
        var outcome = orders.place(tenant, office.campaign(), establishment,
                new Orders.Checkout(method, current, true, UUID.randomUUID()), language, pro.principal());
        UUID id = ((Orders.Placed) outcome).orderId();
        return new Placed(office, id, orders.find(tenant.id(), id).orElseThrow().gross());
    }

    /**
     * A new office whose Stripe account is connected on the test stub (card payments ready), its hotel's order placed
     * to be paid by card.
     */
    public Placed awaitingCardPayment() {
        var office = office();
        cards.connect(office.tenant().id());
        return awaitingPayment(office, PaymentMethod.CARD, Language.FR);
    }

    /** Staff record a payment of this amount received today (a transfer unless said otherwise). */
    public PaymentRecord pay(Placed order, long cents) {
        return payments.record(order.tenant(), order.orderId(), new PaymentEntry(PaymentMethod.TRANSFER,
                new Money(cents, order.gross().currency()), today(order), "Virement", null, false, null,
                UUID.randomUUID().toString()), order.office().admin().principal());
    }

    /** Staff record the whole amount: the order becomes PAID. */
    public PaymentRecord payInFull(Placed order) {
        return pay(order, order.gross().cents());
    }

    public LocalDate today(Placed order) {
        return LocalDate.now(clock.withZone(order.office().tenant().zone()));
    }
}
