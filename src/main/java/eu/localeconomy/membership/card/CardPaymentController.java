package eu.localeconomy.membership.card;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.AccountProfile;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.membership.extranet.Order;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Locale;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The professional pays an order by card: "Pay by card" on the order page posts here and is sent to Stripe's hosted
 * checkout; Stripe sends them back to the success or cancelled page. Only orders of an establishment the professional
 * acts for (else 404).
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class CardPaymentController {

    static final String SUCCESS = "membership/card/success";

    private final CardPayments cards;
    private final Orders orders;
    private final Professionals professionals;
    private final Accounts accounts;

    CardPaymentController(CardPayments cards, Orders orders, Professionals professionals, Accounts accounts) {
        this.cards = cards;
        this.orders = orders;
        this.professionals = professionals;
        this.accounts = accounts;
    }

    @PostMapping("/t/{slug}/pro/orders/{orderId}/pay")
    View pay(TenantContext tenant, @PathVariable String orderId, @AuthenticationPrincipal AccountPrincipal me,
             Locale locale, RedirectAttributes redirect) {
        Order order = order(tenant, orderId, me);
        String orderPage = tenant.path() + "/pro/orders/" + order.id();
        String email = accounts.profile(tenant.id(), me.userId()).map(AccountProfile::email).orElse(null);
        Language language = Language.fromLocale(locale).filter(Language.EVERY_SCREEN::contains)
                .orElse(tenant.defaultLanguage());
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path(tenant.path()).toUriString();
        try {
            return StripeConnectController.seeOther(cards.checkout(tenant.id(), order.id(), email, language, base, me));
        } catch (CardException refused) {
            redirect.addFlashAttribute("alert", refused.key());
            return StripeConnectController.seeOther(orderPage);
        }
    }

    @GetMapping("/t/{slug}/pro/orders/{orderId}/card/success")
    String success(TenantContext tenant, @PathVariable String orderId, @AuthenticationPrincipal AccountPrincipal me,
                   @RequestParam(name = "session_id", required = false) String sessionId,
                   @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response,
                   Model model) {
        Order order = order(tenant, orderId, me);
        var confirmation = cards.confirm(tenant.id(), order.id(), sessionId, tenant.zone());
        model.addAttribute("order", order);
        model.addAttribute("confirmation", confirmation.name());
        model.addAttribute("sessionId", sessionId);
        if (htmx == null) {
            return SUCCESS;
        }
        if (confirmation != CardPayments.Confirmation.PENDING) {
            // htmx stops polling on 286.
            response.setStatus(286);
        }
        return SUCCESS + " :: status";
    }

    @GetMapping("/t/{slug}/pro/orders/{orderId}/card/cancelled")
    String cancelled(TenantContext tenant, @PathVariable String orderId, @AuthenticationPrincipal AccountPrincipal me,
                     Model model) {
        model.addAttribute("order", order(tenant, orderId, me));
        return "membership/card/cancelled";
    }

    private Order order(TenantContext tenant, String orderId, AccountPrincipal me) {
        if (me == null) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        return Uuids.parse(orderId).flatMap(id -> orders.find(tenant.id(), id))
                .filter(o -> professionals.mayActFor(tenant.id(), me.userId(), o.establishmentId()))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }
}
