package eu.localeconomy.membership.payment;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.identifier.Iban;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The office's payment settings (administrators only, by the security paths): methods on or off with what the
 * professional needs to pay that way; and the methods each campaign offers, posted from the campaign page.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class PaymentSettingsController {

    private final Payments payments;

    PaymentSettingsController(Payments payments) {
        this.payments = payments;
    }

    /** The form as typed: strings, so that anything posted gets a message rather than a 400. */
    record SettingsForm(String transferEnabled, String accountHolder, String iban, String bic, String chequeEnabled,
                        String chequePayee, String chequeAddress, String cashEnabled, String cashNl, String cashFr,
                        String cashEn, String cardEnabled, String dueDays) {

        static SettingsForm of(PaymentSettings s) {
            return new SettingsForm(on(s.transferEnabled()), s.accountHolder(),
                    s.iban() == null ? null : Iban.parse(s.iban()).formatted(), s.bic(), on(s.chequeEnabled()),
                    s.chequePayee(), s.chequeAddress(), on(s.cashEnabled()), s.cashInstructions().get(Language.NL),
                    s.cashInstructions().get(Language.FR), s.cashInstructions().get(Language.EN), on(s.cardEnabled()),
                    String.valueOf(s.dueDays()));
        }

        private static String on(boolean value) {
            return value ? "true" : null;
        }
    }

    @GetMapping("/t/{slug}/office/payment-settings")
    String page(TenantContext tenant, Model model) {
        var form = SettingsForm.of(payments.settings(tenant.id()));
        return page(tenant, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/office/payment-settings")
    String save(TenantContext tenant, @ModelAttribute("form") SettingsForm form, @AuthenticationPrincipal AccountPrincipal me,
                HttpServletResponse response, Model model, RedirectAttributes redirect) {
        var errors = new BeanPropertyBindingResult(form, "form");
        Integer days = dueDays(form.dueDays());
        Map<Language, String> cash = new EnumMap<>(Language.class);
        putIfPresent(cash, Language.NL, form.cashNl());
        putIfPresent(cash, Language.FR, form.cashFr());
        putIfPresent(cash, Language.EN, form.cashEn());
        var settings = new PaymentSettings(form.transferEnabled() != null, form.accountHolder(), form.iban(), form.bic(),
                form.chequeEnabled() != null, form.chequePayee(), form.chequeAddress(), form.cashEnabled() != null,
                cash, form.cardEnabled() != null, days == null ? 30 : days);
        if (days == null) {
            errors.rejectValue("dueDays", "paymentSettings.error.dueDays");
        }
        for (PaymentException problem : payments.problems(settings)) {
            reject(errors, problem);
        }
        if (!errors.hasErrors()) {
            try {
                payments.saveSettings(tenant.id(), settings, me);
                redirect.addFlashAttribute("notice", "paymentSettings.saved");
                return "redirect:" + tenant.path() + "/office/payment-settings";
            } catch (PaymentException refused) {
                reject(errors, refused);
            }
        }
        response.setStatus(422);
        return page(tenant, form, errors, model);
    }

    @PostMapping("/t/{slug}/office/campaigns/{campaignId}/payment-methods")
    String campaignMethods(TenantContext tenant, @PathVariable String campaignId,
                           @RequestParam(name = "method", required = false) List<String> methods,
                           @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        CampaignId campaign = Uuids.parse(campaignId).map(CampaignId::new)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        Set<PaymentMethod> chosen = EnumSet.noneOf(PaymentMethod.class);
        if (methods != null) {
            // An unknown value is ignored: only the four methods exist.
            methods.forEach(m -> Arrays.stream(PaymentMethod.values()).filter(p -> p.name().equals(m)).forEach(chosen::add));
        }
        try {
            payments.saveCampaignMethods(tenant.id(), campaign, chosen, me);
        } catch (PaymentException unknown) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "campaignMethods.saved");
        return "redirect:" + tenant.path() + "/office/campaigns/" + campaign + "#payment-methods";
    }

    private String page(TenantContext tenant, SettingsForm form, BindingResult errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("cardReady", payments.gatewayReady(tenant.id(), PaymentMethod.CARD));
        return "membership/payment/settings";
    }

    /** The refusal next to its field when the form has one (the refund form names the payment "payment"), else for the form. */
    static void reject(BindingResult errors, PaymentException problem) {
        String field = "paymentId".equals(problem.field()) ? "payment" : problem.field();
        if (field != null) {
            try {
                if (errors.getFieldError(field) == null) {
                    errors.rejectValue(field, problem.key(), problem.arguments(), null);
                }
                return;
            } catch (org.springframework.beans.NotReadablePropertyException notOnThisForm) {
                // a field of another form: said for the whole form below
            }
        }
        errors.reject(problem.key(), problem.arguments(), null);
    }

    private static Integer dueDays(String text) {
        try {
            int days = Integer.parseInt(text == null ? "" : text.strip());
            return days < 0 || days > 365 ? null : days;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<Language, String> texts, Language language, String text) {
        if (text != null && !text.isBlank()) {
            texts.put(language, text);
        }
    }
}
