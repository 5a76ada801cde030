package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import org.springframework.context.i18n.LocaleContextHolder;
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

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Terms of sale: the office writes drafts and publishes them (TENANT_ADMIN, by the security paths); professionals
 * read the current version in their language and accept it.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class TermsController {

    /** The draft form: one plain text per screen language. */
    record TermsForm(String textFr, String textNl, String textEn) {

        static TermsForm of(Map<Language, String> texts) {
            return new TermsForm(texts.getOrDefault(Language.FR, ""), texts.getOrDefault(Language.NL, ""),
                    texts.getOrDefault(Language.EN, ""));
        }

        Map<Language, String> texts() {
            Map<Language, String> texts = new EnumMap<>(Language.class);
            texts.put(Language.FR, textFr == null ? "" : textFr);
            texts.put(Language.NL, textNl == null ? "" : textNl);
            texts.put(Language.EN, textEn == null ? "" : textEn);
            return texts;
        }
    }

    /** Who accepted which version when, with the account's name. */
    record AcceptanceRow(String name, int version, Instant acceptedAt) {
    }

    private static final int ACCEPTANCES_SHOWN = 200;

    private final TermsOfSale terms;
    private final Accounts accounts;

    TermsController(TermsOfSale terms, Accounts accounts) {
        this.terms = terms;
        this.accounts = accounts;
    }

    @GetMapping("/t/{slug}/office/terms")
    String office(TenantContext tenant, Model model) {
        // A new draft starts from the current text, which is usually what the office wants to amend.
        TermsForm form = terms.draft(tenant.id()).map(d -> TermsForm.of(d.texts()))
                .or(() -> terms.current(tenant.id()).map(c -> TermsForm.of(c.texts())))
                .orElse(new TermsForm("", "", ""));
        return office(tenant, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/office/terms/draft")
    String saveDraft(TenantContext tenant, @ModelAttribute("form") TermsForm form,
                     @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        var errors = new BeanPropertyBindingResult(form, "form");
        Map<Language, String> texts = form.texts();
        texts.forEach((language, text) -> {
            if (text.length() > TermsOfSale.MAX_TEXT_LENGTH) {
                errors.rejectValue(field(language), "validation.tooLong");
            }
        });
        Language main = Language.EVERY_SCREEN.contains(tenant.defaultLanguage()) ? tenant.defaultLanguage() : Language.FR;
        if (texts.get(main).isBlank() && !errors.hasFieldErrors(field(main))) {
            errors.rejectValue(field(main), "terms.text.required");
        }
        if (errors.hasErrors()) {
            return office(tenant, form, errors, model);
        }
        var saved = terms.saveDraft(tenant.id(), texts, me);
        redirect.addFlashAttribute("notice", "terms.draft.saved");
        redirect.addFlashAttribute("noticeArgument", saved.version());
        return "redirect:" + tenant.path() + "/office/terms";
    }

    @PostMapping("/t/{slug}/office/terms/{id}/publish")
    String publish(TenantContext tenant, @PathVariable String id, @AuthenticationPrincipal AccountPrincipal me,
                   RedirectAttributes redirect) {
        Optional<TermsOfSale.Version> version = Uuids.parse(id).flatMap(v -> terms.version(tenant.id(), v));
        if (version.isEmpty()) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        if (terms.publish(tenant.id(), version.get().id(), me)) {
            redirect.addFlashAttribute("notice", "terms.published");
            redirect.addFlashAttribute("noticeArgument", version.get().version());
        } else {
            redirect.addFlashAttribute("alert", "terms.alreadyPublished");
        }
        return "redirect:" + tenant.path() + "/office/terms";
    }

    @GetMapping("/t/{slug}/office/terms/{id}")
    String version(TenantContext tenant, @PathVariable String id, Model model) {
        TermsOfSale.Version version = Uuids.parse(id).flatMap(v -> terms.version(tenant.id(), v))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        model.addAttribute("version", version);
        model.addAttribute("texts", Language.EVERY_SCREEN.stream()
                .filter(l -> version.texts().containsKey(l))
                .map(l -> Map.entry(l.code(), paragraphs(version.texts().get(l))))
                .toList());
        return "membership/extranet/access/terms-version";
    }

    @GetMapping("/t/{slug}/pro/terms")
    String extranet(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        Optional<TermsVersion> current = terms.current(tenant.id());
        model.addAttribute("current", current.orElse(null));
        current.ifPresent(c -> {
            Language wanted = Language.fromLocale(LocaleContextHolder.getLocale()).orElse(tenant.defaultLanguage());
            // The user's language, else the tenant's, else whatever the office wrote.
            String text = Optional.ofNullable(c.texts().get(wanted))
                    .or(() -> Optional.ofNullable(c.texts().get(tenant.defaultLanguage())))
                    .orElseGet(() -> c.texts().values().stream().findFirst().orElse(""));
            model.addAttribute("paragraphs", paragraphs(text));
            model.addAttribute("accepted", terms.hasAcceptedCurrent(tenant.id(), me.userId()));
        });
        return "membership/extranet/access/terms";
    }

    @PostMapping("/t/{slug}/pro/terms/accept")
    String accept(TenantContext tenant, @RequestParam(name = "version", required = false) String versionId,
                  @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        Optional<TermsVersion> current = terms.current(tenant.id());
        // Only the version the page showed, and only if it is still the current one: never accept unseen text.
        if (current.isPresent() && Uuids.parse(versionId).filter(current.get().id()::equals).isPresent()) {
            terms.accept(tenant.id(), me.userId(), current.get().id());
            redirect.addFlashAttribute("notice", "terms.pro.acceptedNotice");
        } else {
            redirect.addFlashAttribute("alert", "terms.pro.changed");
        }
        return "redirect:" + tenant.path() + "/pro/terms";
    }

    private String office(TenantContext tenant, TermsForm form, BindingResult errors, Model model) {
        List<TermsOfSale.Version> versions = terms.versions(tenant.id());
        model.addAttribute("versions", versions);
        model.addAttribute("draft", versions.stream().filter(TermsOfSale.Version::draft).findFirst().orElse(null));
        model.addAttribute("currentId", terms.current(tenant.id()).map(TermsVersion::id).orElse(null));
        model.addAttribute("nextVersion", versions.isEmpty() ? 1 : versions.getFirst().draft()
                ? versions.getFirst().version() : versions.getFirst().version() + 1);
        // The office's own language first: it is the one a draft needs.
        model.addAttribute("languages", Language.EVERY_SCREEN.stream()
                .sorted(Comparator.comparing(l -> l != tenant.defaultLanguage()))
                .map(Language::code).toList());
        model.addAttribute("acceptances", terms.acceptances(tenant.id(), ACCEPTANCES_SHOWN).stream()
                .map(a -> new AcceptanceRow(accounts.displayName(tenant.id(), a.account()).orElse("—"), a.version(),
                        a.acceptedAt()))
                .toList());
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        return "membership/extranet/access/terms-office";
    }

    /** Plain text split into paragraphs at blank lines; the template escapes each one. */
    static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.replace("\r\n", "\n").split("\n\\s*\n"))
                .map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static String field(Language language) {
        return "text" + language.code().substring(0, 1).toUpperCase() + language.code().substring(1);
    }

}
