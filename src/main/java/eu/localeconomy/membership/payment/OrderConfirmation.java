package eu.localeconomy.membership.payment;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.extranet.BasketFormat;
import eu.localeconomy.membership.extranet.OrderPlaced;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.UserId;
import eu.localeconomy.tenant.Tenants;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The order confirmation e-mail, once the order is committed: to the professional who placed it, in the order's
 * language, with its lines, totals and how to pay (the instructions of its method).
 */
@Component
class OrderConfirmation {

    static final String TEMPLATE = "membership-order-confirmation";

    private final Orders orders;
    private final Payments payments;
    private final PaymentStore store;
    private final OrderTimeline timeline;
    private final Accounts accounts;
    private final Tenants tenants;
    private final Catalogue catalogue;
    private final Establishments establishments;
    private final MailOutbox mail;

    OrderConfirmation(Orders orders, Payments payments, PaymentStore store, OrderTimeline timeline, Accounts accounts,
                      Tenants tenants, Catalogue catalogue, Establishments establishments, MailOutbox mail) {
        this.orders = orders;
        this.payments = payments;
        this.store = store;
        this.timeline = timeline;
        this.accounts = accounts;
        this.tenants = tenants;
        this.catalogue = catalogue;
        this.establishments = establishments;
        this.mail = mail;
    }

    @ApplicationModuleListener
    void on(OrderPlaced event) {
        var tenant = tenants.findById(event.tenant()).orElseThrow();
        var money = store.order(event.tenant(), event.orderId()).orElseThrow();
        var order = orders.find(event.tenant(), event.orderId()).orElseThrow();
        if (money.placedBy() == null) {
            return;
        }
        var account = accounts.profile(event.tenant(), new UserId(money.placedBy()));
        if (account.isEmpty() || !account.get().enabled()) {
            return;
        }
        Language language = Language.fromCode(money.language()).orElse(tenant.defaultLanguage());
        Locale locale = language.locale();
        var instructions = payments.instructions(event.tenant(), event.orderId(), language).orElseThrow();
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);

        Map<String, Object> model = new HashMap<>();
        model.put("tenantName", tenant.name());
        model.put("name", account.get().displayName());
        model.put("campaign", catalogue.campaign(event.tenant(), event.campaignId()).map(c -> c.name()).orElse(""));
        model.put("establishment", establishments.find(event.tenant(), event.establishmentId()).map(e -> e.name()).orElse(""));
        model.put("lines", order.lines().stream().map(l -> Map.of("name", l.name(), "quantity", l.quantity(),
                "net", BasketFormat.money(l.net(), locale))).toList());
        model.put("net", BasketFormat.money(order.net(), locale));
        model.put("vat", BasketFormat.money(order.vat(), locale));
        model.put("gross", BasketFormat.money(order.gross(), locale));
        model.put("method", order.paymentMethod().name());
        model.put("dueDate", instructions.dueDate() == null ? "" : dates.format(instructions.dueDate()));
        model.put("instructions", instructions);
        model.put("cash", instructions.cashInstructions() == null ? "" : instructions.cashInstructions());
        model.put("link", "/t/" + tenant.slug() + "/pro/orders/" + event.orderId());
        mail.enqueue(new OutgoingMail(event.tenant(), account.get().email(), language, TEMPLATE, model));
        timeline.record(event.tenant(), event.orderId(), "confirmation.sent", Actor.SYSTEM,
                Map.of("language", language.code()));
    }

}
