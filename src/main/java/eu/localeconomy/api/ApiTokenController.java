package eu.localeconomy.api;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Back office: a tenant administrator's API tokens. The full token is shown once, right after creation. */
@Controller
class ApiTokenController {

    record TokenForm(@NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.tooLong}") String name,
                     List<ApiScope> scopes,
                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn) {
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
            model.addAttribute("form", new TokenForm("", List.of(ApiScope.TENANT_READ), null));
        }
        model.addAttribute("tokens", tokens.list(tenant.id()));
        model.addAttribute("scopes", ApiScope.values());
        model.addAttribute("now", clock.instant());
        return "api/tokens";
    }

    @PostMapping("/t/{slug}/office/api-tokens")
    String create(TenantContext tenant, @Valid @ModelAttribute("form") TokenForm form, BindingResult errors,
                  @AuthenticationPrincipal AccountPrincipal me, Model model) {
        if (form.scopes() == null || form.scopes().isEmpty()) {
            errors.rejectValue("scopes", "api.tokens.scopes.required");
        }
        if (form.expiresOn() != null && !form.expiresOn().isAfter(LocalDate.now(clock.withZone(tenant.zone())))) {
            errors.rejectValue("expiresOn", "api.tokens.expiry.past");
        }
        if (errors.hasErrors()) {
            return list(tenant, model);
        }
        Set<ApiScope> scopes = EnumSet.copyOf(form.scopes());
        var created = tokens.create(tenant.id(), form.name().trim(), scopes,
                form.expiresOn() == null ? null : form.expiresOn().plusDays(1).atStartOfDay(tenant.zone()).toInstant(),
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
