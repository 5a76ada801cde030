package eu.localeconomy.membership.payment;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.extranet.Order;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import java.util.Locale;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The professional's order: what was ordered, what is paid and left to pay, how to pay it (the instructions of its
 * method) and the payments received; a card order with a balance offers to pay by card (membership.card takes the
 * form's post). Only an order of an establishment the professional acts for is shown (else 404).
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class ProOrderController {

    private final Orders orders;
    private final Payments payments;
    private final Professionals professionals;
    private final Catalogue catalogue;
    private final Establishments establishments;

    ProOrderController(Orders orders, Payments payments, Professionals professionals, Catalogue catalogue,
                       Establishments establishments) {
        this.orders = orders;
        this.payments = payments;
        this.professionals = professionals;
        this.catalogue = catalogue;
        this.establishments = establishments;
    }

    @GetMapping("/t/{slug}/pro/orders/{orderId}")
    String order(TenantContext tenant, @PathVariable String orderId, @AuthenticationPrincipal AccountPrincipal me,
                 Locale locale, Model model) {
        if (me == null) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        Order order = Uuids.parse(orderId).flatMap(id -> orders.find(tenant.id(), id))
                .filter(o -> professionals.mayActFor(tenant.id(), me.userId(), o.establishmentId()))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        var account = payments.account(tenant.id(), order.id()).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        boolean open = account.status() == OrderStatus.AWAITING_PAYMENT || account.status() == OrderStatus.PARTIALLY_PAID;
        model.addAttribute("order", order);
        model.addAttribute("account", account);
        model.addAttribute("open", open);
        model.addAttribute("instructions", payments.instructions(tenant.id(), order.id(),
                Language.fromLocale(locale).orElse(tenant.defaultLanguage())).orElse(null));
        model.addAttribute("payByCard", open && order.paymentMethod() == PaymentMethod.CARD
                && account.balance().cents() > 0 && payments.gatewayReady(tenant.id(), PaymentMethod.CARD));
        model.addAttribute("campaign", catalogue.campaign(tenant.id(), order.campaignId()).orElse(null));
        model.addAttribute("establishmentName", establishments.find(tenant.id(), order.establishmentId())
                .map(e -> e.name()).orElse(""));
        return "membership/payment/pro-order";
    }
}
