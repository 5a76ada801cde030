package eu.localeconomy.savings.merchant;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Locale;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The citizen site's merchant pages: the list of participating merchants (approved only, no personal data) and the
 * application form for businesses.
 */
@Controller
class MerchantPublicController {

    static final int LIST_LIMIT = 1000;

    private final Merchants merchants;
    private final MerchantApplications applications;
    private final MerchantApplicationThrottle throttle;

    MerchantPublicController(Merchants merchants, MerchantApplications applications,
                             MerchantApplicationThrottle throttle) {
        this.merchants = merchants;
        this.applications = applications;
        this.throttle = throttle;
    }

    @GetMapping("/t/{slug}/merchants")
    String list(TenantContext tenant, @RequestParam(name = "q", required = false) String name,
                @RequestParam(name = "postcode", required = false) String postcode,
                @RequestParam(name = "category", required = false) String category,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                HttpServletResponse response, Model model) {
        municipality(tenant);
        Merchants.Category chosen = parseCategory(category);
        var found = merchants.search(tenant.id(),
                new Merchants.Search(trim(name, 100), trim(postcode, 16), Merchants.Status.APPROVED, chosen), LIST_LIMIT);
        model.addAttribute("merchants", found);
        model.addAttribute("q", trim(name, 100));
        model.addAttribute("postcode", trim(postcode, 16));
        model.addAttribute("category", chosen == null ? "" : chosen.name());
        model.addAttribute("categories", Merchants.Category.values());
        // The search pushes its address: a history restore (or a reload) needs the whole page, and caches must
        // keep the two answers apart.
        response.setHeader("Vary", "HX-Request");
        return htmx != null && restore == null ? "savings/merchant-public/merchants :: results" : "savings/merchant-public/merchants";
    }

    @GetMapping("/t/{slug}/merchants/apply")
    String applyForm(TenantContext tenant, Locale locale, Model model) {
        municipality(tenant);
        String language = Language.fromLocale(locale).filter(l -> !l.citizenOnly()).orElse(tenant.defaultLanguage()).code();
        model.addAttribute("form", MerchantForm.empty(language));
        return form(model);
    }

    @PostMapping("/t/{slug}/merchants/apply")
    String apply(TenantContext tenant, @ModelAttribute("form") MerchantForm form, BindingResult errors,
                 HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        municipality(tenant);
        var draft = MerchantRules.check(form, errors);
        if (draft.isEmpty()) {
            response.setStatus(422);
            return form(model);
        }
        if (!throttle.tryApply(request.getRemoteAddr())) {
            response.setStatus(429);
            model.addAttribute("throttled", true);
            return form(model);
        }
        applications.apply(tenant, draft.get());
        redirect.addFlashAttribute("businessName", draft.get().businessName());
        redirect.addFlashAttribute("email", draft.get().contact().email());
        return "redirect:" + tenant.path() + "/merchants/apply/sent";
    }

    @GetMapping("/t/{slug}/merchants/apply/sent")
    String sent(TenantContext tenant) {
        municipality(tenant);
        return "savings/merchant-public/apply-sent";
    }

    private String form(Model model) {
        model.addAttribute("categories", Merchants.Category.values());
        model.addAttribute("languages", List.of("nl", "fr", "en"));
        return "savings/merchant-public/apply";
    }

    /** Only a municipality runs a savings programme; a tourism office has no merchants here. */
    private static void municipality(TenantContext tenant) {
        if (!tenant.isMunicipality()) {
            throw new ResponseStatusException(NOT_FOUND);
        }
    }

    static Merchants.Category parseCategory(String category) {
        try {
            return category == null || category.isBlank() ? null : Merchants.Category.valueOf(category.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String trim(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
