package eu.localeconomy.api;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Back office: a tenant administrator's API tokens. The full token is shown once, right after creation. */
@Controller
class ApiTokenController {

    /**
     * Scopes and date arrive as text: a value that cannot be converted then becomes a message on its field, where a
     * typed record would not be constructed at all and the page could not be shown again.
     */
    record TokenForm(@NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.tooLong}") String name,
                     List<String> scopes,
                     String expiresOn) {
    }

    private final ApiTokens tokens;
    private final Clock clock;

    ApiTokenController(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping("/t/{slug}/office/api-tokens")
    String list(TenantContext tenant, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TokenForm("", List.of(ApiScope.TENANT_READ.name()), null));
        }
        model.addAttribute("tokens", tokens.list(tenant.id()));
        model.addAttribute("scopes", ApiScope.values());
        model.addAttribute("now", clock.instant());
        return "api/tokens";
    }

    @PostMapping("/t/{slug}/office/api-tokens")
    String create(TenantContext tenant, @Valid @ModelAttribute("form") TokenForm form, BindingResult errors,
                  @AuthenticationPrincipal AccountPrincipal me, Model model) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        if (form.scopes() == null || form.scopes().isEmpty()) {
            errors.rejectValue("scopes", "api.tokens.scopes.required");
        } else {
            Arrays.stream(ApiScope.values()).filter(s -> form.scopes().contains(s.name())).forEach(scopes::add);
            if (scopes.size() < Set.copyOf(form.scopes()).size()) {
                errors.rejectValue("scopes", "typeMismatch");
            }
        }
        LocalDate expiresOn = null;
        if (form.expiresOn() != null && !form.expiresOn().isBlank()) {
            try {
                expiresOn = LocalDate.parse(form.expiresOn().trim());
                if (!expiresOn.isAfter(tenant.today(clock))) {
                    errors.rejectValue("expiresOn", "api.tokens.expiry.past");
                }
            } catch (DateTimeParseException e) {
                errors.rejectValue("expiresOn", "typeMismatch");
            }
        }
        if (errors.hasErrors()) {
            return list(tenant, model);
        }
        var created = tokens.create(tenant.id(), form.name().trim(), scopes,
                expiresOn == null ? null : expiresOn.plusDays(1).atStartOfDay(tenant.zone()).toInstant(),
                me.userId(), me);
        model.addAttribute("created", created);
        model.addAttribute("name", form.name().trim());
        return "api/token-created";
    }

    @PostMapping("/t/{slug}/office/api-tokens/{id}/revoke")
    String revoke(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                  RedirectAttributes redirect) {
        boolean revoked = tokens.revoke(tenant.id(), id, me);
        redirect.addFlashAttribute(revoked ? "notice" : "alert", revoked ? "api.tokens.revoked" : "api.tokens.notFound");
        return "redirect:" + tenant.path() + "/office/api-tokens";
    }
}
