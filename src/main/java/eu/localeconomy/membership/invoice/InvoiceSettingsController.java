package eu.localeconomy.membership.invoice;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The office's invoice settings (TENANT_ADMIN by the security paths): seller's mentions, texts, numbering formats
 * with a live example of the next number, when invoices are issued, and the logo and bank-details images.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class InvoiceSettingsController {

    /** The settings form: every field as typed. */
    record SettingsForm(String legalName, String legalForm, String street, String postcode, String city,
                        String country, String siren, String siret, String apeCode, String vatNumber,
                        String vatRegime, String vatExemptionText, String referentName, String referentEmail,
                        String referentPhone, String bankDetails, String paymentTerms, String earlyPaymentText,
                        String latePenaltyText, String recoveryIndemnityText, String footer, String issueAt,
                        String invoiceFormat, String invoicePrefix, String creditNoteFormat, String creditNotePrefix) {

        static SettingsForm of(InvoiceSettings s) {
            return new SettingsForm(s.legalName(), s.legalForm(), s.street(), s.postcode(), s.city(), s.country(),
                    s.siren(), s.siret(), s.apeCode(), s.vatNumber(), s.vatRegime().name(), s.vatExemptionText(),
                    s.referentName(), s.referentEmail(), s.referentPhone(), s.bankDetails(), s.paymentTerms(),
                    s.earlyPaymentText(), s.latePenaltyText(), s.recoveryIndemnityText(), s.footer(),
                    s.issueAt().name(), s.invoiceFormat(), s.invoicePrefix(), s.creditNoteFormat(), s.creditNotePrefix());
        }

        InvoiceSettings settings() {
            return new InvoiceSettings(legalName, legalForm, street, postcode, city, country, siren, siret, apeCode,
                    vatNumber, parse(InvoiceSettings.VatRegime.class, vatRegime, InvoiceSettings.VatRegime.STANDARD),
                    vatExemptionText, referentName, referentEmail, referentPhone, bankDetails, paymentTerms,
                    earlyPaymentText, latePenaltyText, recoveryIndemnityText, footer,
                    parse(InvoiceSettings.IssueAt.class, issueAt, InvoiceSettings.IssueAt.PAYMENT),
                    invoiceFormat, invoicePrefix, creditNoteFormat, creditNotePrefix);
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
            return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst().orElse(fallback);
        }
    }

    private final InvoiceSetup setup;
    private final MessageSource messages;
    private final Clock clock;

    InvoiceSettingsController(InvoiceSetup setup, MessageSource messages, Clock clock) {
        this.setup = setup;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/t/{slug}/office/invoice-settings")
    String show(TenantContext tenant, Model model) {
        SettingsForm form = setup.saved(tenant.id()) ? SettingsForm.of(setup.settings(tenant.id())) : suggested();
        return page(tenant, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    /** A first visit: the legal texts offices usually print, in the user's language, to adapt. */
    private SettingsForm suggested() {
        Locale locale = LocaleContextHolder.getLocale();
        var none = SettingsForm.of(InvoiceSettings.none());
        return new SettingsForm(null, null, null, null, null, "FR", null, null, null, null, none.vatRegime(), null,
                null, null, null, null, messages.getMessage("invoice.settings.suggest.paymentTerms", null, locale),
                messages.getMessage("invoice.settings.suggest.earlyPayment", null, locale),
                messages.getMessage("invoice.settings.suggest.latePenalty", null, locale),
                messages.getMessage("invoice.settings.suggest.indemnity", null, locale), null, none.issueAt(),
                none.invoiceFormat(), "", none.creditNoteFormat(), "");
    }

    @PostMapping("/t/{slug}/office/invoice-settings")
    String save(TenantContext tenant, @ModelAttribute("form") SettingsForm form,
                @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        BindingResult errors = new BeanPropertyBindingResult(form, "form");
        try {
            setup.save(tenant.id(), form.settings(), me);
        } catch (InvoiceException refused) {
            reject(errors, refused);
            return page(tenant, form, errors, model);
        }
        redirect.addFlashAttribute("notice", "invoice.settings.saved");
        return "redirect:" + tenant.path() + "/office/invoice-settings";
    }

    /** The live example under a format field (htmx, as the office types). */
    @GetMapping("/t/{slug}/office/invoice-settings/next-number")
    String nextNumber(TenantContext tenant, @RequestParam(name = "kind", defaultValue = "INVOICE") String kind,
                      @RequestParam(name = "invoiceFormat", required = false) String invoiceFormat,
                      @RequestParam(name = "invoicePrefix", required = false) String invoicePrefix,
                      @RequestParam(name = "creditNoteFormat", required = false) String creditNoteFormat,
                      @RequestParam(name = "creditNotePrefix", required = false) String creditNotePrefix, Model model) {
        boolean credit = "CREDIT_NOTE".equals(kind);
        example(tenant, model, credit ? InvoiceDocument.Kind.CREDIT_NOTE : InvoiceDocument.Kind.INVOICE,
                credit ? creditNoteFormat : invoiceFormat, credit ? creditNotePrefix : invoicePrefix);
        return "membership/invoice/fields :: example";
    }

    @PostMapping("/t/{slug}/office/invoice-settings/image/{kind}")
    String uploadImage(TenantContext tenant, @PathVariable String kind,
                       @RequestParam(name = "file", required = false) MultipartFile file,
                       @RequestParam(name = "remove", required = false) String remove,
                       @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) throws IOException {
        InvoiceImage.Kind which = imageKind(kind);
        try {
            if (remove != null) {
                setup.saveImage(tenant.id(), which, null, me);
                redirect.addFlashAttribute("notice", "invoice.settings.imageRemoved");
            } else if (file == null || file.isEmpty()) {
                redirect.addFlashAttribute("alert", "invoice.settings.imageMissing");
            } else if (file.getSize() > InvoiceSetup.MAX_IMAGE_BYTES) {
                redirect.addFlashAttribute("alert", "invoice.settings.imageTooLarge");
            } else {
                setup.saveImage(tenant.id(), which, file.getBytes(), me);
                redirect.addFlashAttribute("notice", "invoice.settings.imageSaved");
            }
        } catch (InvoiceException refused) {
            redirect.addFlashAttribute("alert", refused.key());
        }
        return "redirect:" + tenant.path() + "/office/invoice-settings";
    }

    @GetMapping("/t/{slug}/office/invoice-settings/image/{kind}")
    ResponseEntity<byte[]> image(TenantContext tenant, @PathVariable String kind) {
        var image = setup.image(tenant.id(), imageKind(kind)).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.contentType()))
                .cacheControl(CacheControl.noStore()).body(image.bytes());
    }

    private static InvoiceImage.Kind imageKind(String kind) {
        return switch (kind) {
            case "logo" -> InvoiceImage.Kind.LOGO;
            case "bank" -> InvoiceImage.Kind.BANK_DETAILS;
            default -> throw new ResponseStatusException(NOT_FOUND);
        };
    }

    private String page(TenantContext tenant, SettingsForm form, BindingResult errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("regimes", List.of(InvoiceSettings.VatRegime.values()));
        model.addAttribute("issueAts", List.of(InvoiceSettings.IssueAt.values()));
        model.addAttribute("hasLogo", setup.image(tenant.id(), InvoiceImage.Kind.LOGO).isPresent());
        model.addAttribute("hasBankImage", setup.image(tenant.id(), InvoiceImage.Kind.BANK_DETAILS).isPresent());
        model.addAttribute("invoiceExample", safeExample(tenant, InvoiceDocument.Kind.INVOICE, form.invoiceFormat(), form.invoicePrefix()));
        model.addAttribute("creditExample", safeExample(tenant, InvoiceDocument.Kind.CREDIT_NOTE, form.creditNoteFormat(), form.creditNotePrefix()));
        return "membership/invoice/settings";
    }

    private String safeExample(TenantContext tenant, InvoiceDocument.Kind kind, String format, String prefix) {
        try {
            return setup.nextNumber(tenant.id(), kind, format, prefix, tenant.today(clock), null);
        } catch (InvoiceException refused) {
            return null;
        }
    }

    private void example(TenantContext tenant, Model model, InvoiceDocument.Kind kind, String format, String prefix) {
        model.addAttribute("exampleKind", kind.name());
        try {
            model.addAttribute("example", setup.nextNumber(tenant.id(), kind, format, prefix,
                    tenant.today(clock), tenant.today(clock).getYear() + 1));
        } catch (InvoiceException refused) {
            model.addAttribute("exampleError", refused.message(messages, LocaleContextHolder.getLocale()));
        }
    }

    static void reject(BindingResult errors, InvoiceException refused) {
        if (refused.field() != null) {
            errors.rejectValue(refused.field(), refused.key(), refused.arguments(), refused.key());
        } else {
            errors.reject(refused.key(), refused.arguments(), refused.key());
        }
    }
}
