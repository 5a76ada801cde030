package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The professional's campaign page: the offer of the establishment and its basket beside it. Each change is an htmx
 * POST answered with the basket fragment, or without JavaScript a plain form post and a redirect. The establishment
 * is named in the path but only one the logged-in professional acts for is ever shown (else 404).
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class BasketController {

    static final String PAGE = "membership/extranet/basket/campaign";
    static final String BASKET = "membership/extranet/basket/basket :: basket";
    static final String CHECKOUT = "membership/extranet/basket/checkout";

    private final Baskets baskets;
    private final Orders orders;
    private final Catalogue catalogue;
    private final Professionals professionals;
    private final TermsOfSale terms;
    private final Establishments establishments;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    BasketController(Baskets baskets, Orders orders, Catalogue catalogue, Professionals professionals,
                     TermsOfSale terms, Establishments establishments, MessageSource messages,
                     ApplicationEventPublisher events) {
        this.baskets = baskets;
        this.orders = orders;
        this.catalogue = catalogue;
        this.professionals = professionals;
        this.terms = terms;
        this.establishments = establishments;
        this.messages = messages;
        this.events = events;
    }

    /** What a request is about, once checked: a campaign of this tenant and an establishment the professional acts for. */
    record Scope(TenantContext tenant, EstablishmentId establishment, CampaignId campaign, Campaign campaignDetails,
                 String establishmentName, String base) {
    }

    Scope scope(TenantContext tenant, AccountPrincipal me, String establishmentId, String campaignId) {
        return scope(tenant, me, establishmentId, campaignId, false);
    }

    Scope scope(TenantContext tenant, AccountPrincipal me, String establishmentId, String campaignId, boolean htmx) {
        if (me == null) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        EstablishmentId establishment = Uuids.parse(establishmentId).map(EstablishmentId::new)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        CampaignId campaign = Uuids.parse(campaignId).map(CampaignId::new)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        if (!professionals.mayActFor(tenant.id(), me.userId(), establishment)) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        Campaign details = catalogue.campaign(tenant.id(), campaign).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        // The establishment's name is for whole pages; an htmx change answers with the basket alone.
        String name = htmx ? "" : establishments.find(tenant.id(), establishment).map(e -> e.name()).orElse("");
        return new Scope(tenant, establishment, campaign, details, name,
                tenant.path() + "/pro/establishments/" + establishment + "/campaigns/" + campaign);
    }

    @GetMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}")
    String page(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
                @AuthenticationPrincipal AccountPrincipal me,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Scope scope = scope(tenant, me, establishmentId, campaignId);
        BasketView basket = baskets.open(tenant, scope.campaign(), scope.establishment(), me);
        fill(model, scope, basket, false);
        orders.live(tenant.id(), scope.campaign(), scope.establishment()).ifPresent(id -> model.addAttribute("liveOrder", id));
        if (htmx == null) {
            // The campaign follow-up counts whole-page visits (membership.followup).
            events.publishEvent(new CampaignPageVisited(tenant.id(), scope.campaign(), scope.establishment(), me.userId()));
        }
        return htmx != null ? BASKET : PAGE;
    }

    @PostMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}/basket/add")
    String add(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
               @RequestParam(name = "product", required = false) String product,
               @RequestParam(name = "quantity", required = false) String quantity,
               @AuthenticationPrincipal AccountPrincipal me, Locale locale,
               @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
               RedirectAttributes redirect) {
        Scope scope = scope(tenant, me, establishmentId, campaignId, htmx != null);
        return change(scope, me, locale, htmx, model, redirect, product, language ->
                baskets.add(tenant, scope.campaign(), scope.establishment(), productId(product),
                        quantity == null || quantity.isBlank() ? 1 : quantity(quantity), language, me));
    }

    @PostMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}/basket/quantity")
    String quantity(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
                    @RequestParam(name = "product", required = false) String product,
                    @RequestParam(name = "quantity", required = false) String quantity,
                    @AuthenticationPrincipal AccountPrincipal me, Locale locale,
                    @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                    RedirectAttributes redirect) {
        Scope scope = scope(tenant, me, establishmentId, campaignId, htmx != null);
        return change(scope, me, locale, htmx, model, redirect, product, language ->
                baskets.quantity(tenant, scope.campaign(), scope.establishment(), productId(product), quantity(quantity),
                        language, me));
    }

    @PostMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}/basket/remove")
    String remove(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
                  @RequestParam(name = "product", required = false) String product,
                  @AuthenticationPrincipal AccountPrincipal me, Locale locale,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                  RedirectAttributes redirect) {
        Scope scope = scope(tenant, me, establishmentId, campaignId, htmx != null);
        return change(scope, me, locale, htmx, model, redirect, product, language ->
                baskets.remove(tenant, scope.campaign(), scope.establishment(), productId(product), language, me));
    }

    @PostMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}/basket/donation")
    String donation(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
                    @RequestParam(name = "product", required = false) String product,
                    @RequestParam(name = "amount", required = false) String amount,
                    @AuthenticationPrincipal AccountPrincipal me, Locale locale,
                    @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                    RedirectAttributes redirect) {
        Scope scope = scope(tenant, me, establishmentId, campaignId, htmx != null);
        return change(scope, me, locale, htmx, model, redirect, product, language ->
                baskets.donation(tenant, scope.campaign(), scope.establishment(), productId(product), amount, language, me));
    }

    interface BasketChange {
        BasketView apply(Language language);
    }

    private String change(Scope scope, AccountPrincipal me, Locale locale, String htmx, Model model,
                          RedirectAttributes redirect, String product, BasketChange change) {
        Language language = Language.fromLocale(locale).orElse(Language.FR);
        String error = null;
        BasketView basket;
        try {
            basket = change.apply(language);
        } catch (BasketException refused) {
            error = message(refused, locale);
            basket = baskets.open(scope.tenant(), scope.campaign(), scope.establishment(), me);
        }
        if (htmx == null) {
            if (error != null) {
                redirect.addFlashAttribute("basketError", error);
                redirect.addFlashAttribute("basketErrorProduct", product);
            } else {
                redirect.addFlashAttribute("basketNotice", "basket.saved");
            }
            return "redirect:" + scope.base() + "#basket";
        }
        fill(model, scope, basket, false);
        model.addAttribute("basketError", error);
        model.addAttribute("basketErrorProduct", product);
        return BASKET;
    }

    // ---- Checkout ---------------------------------------------------------------------------------------------

    /** The checkout form: strings, so that whatever is posted gets a message rather than a 400. */
    record CheckoutForm(String paymentMethod, String termsVersion, String acceptTerms, String formToken) {
    }

    @GetMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}/checkout")
    String checkout(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
                    @AuthenticationPrincipal AccountPrincipal me, Locale locale, Model model, RedirectAttributes redirect) {
        Scope scope = scope(tenant, me, establishmentId, campaignId);
        var live = orders.live(tenant.id(), scope.campaign(), scope.establishment());
        if (live.isPresent()) {
            return "redirect:" + tenant.path() + "/pro/orders/" + live.get();
        }
        BasketView basket = baskets.open(tenant, scope.campaign(), scope.establishment(), me);
        if (basket.empty()) {
            redirect.addFlashAttribute("basketError", messages.getMessage("order.error.empty", null, locale));
            return "redirect:" + scope.base();
        }
        return checkoutPage(scope, basket, new CheckoutForm(null, null, null, UUID.randomUUID().toString()), model);
    }

    @PostMapping("/t/{slug}/pro/establishments/{establishmentId}/campaigns/{campaignId}/checkout")
    String place(TenantContext tenant, @PathVariable String establishmentId, @PathVariable String campaignId,
                 @ModelAttribute("form") CheckoutForm form, @AuthenticationPrincipal AccountPrincipal me, Locale locale,
                 HttpServletResponse response, Model model) {
        Scope scope = scope(tenant, me, establishmentId, campaignId);
        Language language = Language.fromLocale(locale).orElse(Language.FR);
        var checkout = new Orders.Checkout(paymentMethod(form.paymentMethod()), Uuids.parse(form.termsVersion()).orElse(null),
                form.acceptTerms() != null, Uuids.parse(form.formToken()).orElse(null));
        try {
            var outcome = orders.place(tenant, scope.campaign(), scope.establishment(), checkout, language, me);
            if (outcome instanceof Orders.Placed placed) {
                return "redirect:" + tenant.path() + "/pro/orders/" + placed.orderId();
            }
            model.addAttribute("priceChanges", ((Orders.PricesChanged) outcome).changes());
        } catch (BasketException refused) {
            model.addAttribute("checkoutError", message(refused, locale));
            model.addAttribute("checkoutErrorField", refused.key().startsWith("order.error.terms") ? "acceptTerms"
                    : refused.key().equals("order.error.paymentMethod") || refused.key().equals("order.error.methodNotOffered")
                    ? "paymentMethod-" + orders.methodsFor(tenant.id(), scope.campaign()).stream().findFirst()
                            .orElse(PaymentMethod.TRANSFER) : null);
        }
        response.setStatus(422);
        BasketView basket = baskets.open(tenant, scope.campaign(), scope.establishment(), me);
        return checkoutPage(scope, basket, form, model);
    }

    private String checkoutPage(Scope scope, BasketView basket, CheckoutForm form, Model model) {
        fill(model, scope, basket, false);
        model.addAttribute("form", form);
        model.addAttribute("paymentMethods", orders.methodsFor(scope.tenant().id(), scope.campaign()));
        terms.current(scope.tenant().id()).ifPresent(t -> model.addAttribute("terms", t));
        return CHECKOUT;
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    static void fill(Model model, Scope scope, BasketView basket, boolean preview) {
        model.addAttribute("scope", scope);
        model.addAttribute("campaign", scope.campaignDetails());
        model.addAttribute("establishmentName", scope.establishmentName());
        model.addAttribute("basket", basket);
        model.addAttribute("offer", basket.offer());
        model.addAttribute("preview", preview);
        model.addAttribute("basketBase", scope.base());
    }

    private String message(BasketException refused, Locale locale) {
        Object[] arguments = Arrays.stream(refused.arguments())
                .map(a -> a instanceof Money money ? BasketFormat.money(money, locale) : a).toArray();
        return messages.getMessage(refused.key(), arguments, locale);
    }

    private static ProductId productId(String text) {
        return Uuids.parse(text).map(ProductId::new).orElseThrow(() -> new BasketException("basket.error.notOffered"));
    }

    private static int quantity(String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            // Not a whole number, or beyond int: refused like any quantity out of bounds.
            throw new BasketException("basket.error.quantityInvalid");
        }
    }

    private static PaymentMethod paymentMethod(String text) {
        return Arrays.stream(PaymentMethod.values()).filter(m -> m.name().equals(text)).findFirst().orElse(null);
    }
}
