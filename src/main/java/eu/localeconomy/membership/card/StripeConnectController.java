package eu.localeconomy.membership.card;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.http.HttpStatus;
import java.util.Locale;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The office's Stripe page (administrators, by the security paths): the connected account's state, "Connect Stripe"
 * sending the office to Stripe's onboarding, and the return from it reading the account back.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class StripeConnectController {

    private final StripeConnect connect;
    private final StripeApi stripe;

    StripeConnectController(StripeConnect connect, StripeApi stripe) {
        this.connect = connect;
        this.stripe = stripe;
    }

    @GetMapping("/t/{slug}/office/stripe")
    String page(TenantContext tenant, Locale locale, Model model) {
        model.addAttribute("status", connect.status(tenant.id()));
        var percent = java.text.NumberFormat.getNumberInstance(locale);
        percent.setMaximumFractionDigits(2);
        model.addAttribute("feePercent", percent.format(java.math.BigDecimal.valueOf(stripe.properties().applicationFeeBasisPoints(), 2)));
        model.addAttribute("platformName", stripe.properties().platformName());
        return "membership/card/stripe";
    }

    @PostMapping("/t/{slug}/office/stripe/connect")
    View connect(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        String page = ServletUriComponentsBuilder.fromCurrentContextPath().path(tenant.path() + "/office/stripe").toUriString();
        try {
            String link = connect.onboardingLink(tenant.id(), page + "/return", page, me);
            // 303: the browser follows with a GET to Stripe's hosted onboarding.
            return seeOther(link);
        } catch (CardException refused) {
            redirect.addFlashAttribute("alert", refused.key());
            return seeOther(tenant.path() + "/office/stripe");
        }
    }

    @GetMapping("/t/{slug}/office/stripe/return")
    String back(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        try {
            var account = connect.refresh(tenant.id(), me);
            redirect.addFlashAttribute("notice", account.map(a -> a.chargesEnabled() ? "card.connect.ready"
                    : "card.connect.incomplete").orElse("card.connect.none"));
        } catch (CardException refused) {
            redirect.addFlashAttribute("alert", refused.key());
        }
        return "redirect:" + tenant.path() + "/office/stripe";
    }

    /** A 303 redirect (a relative path is taken within the application). */
    static View seeOther(String url) {
        var view = new RedirectView(url, url.startsWith("/"));
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }
}
