package eu.localeconomy.tenant;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Platform administration: the list of tenants and the creation of a new one. */
@Controller
class PlatformTenantController {

    private final Tenants tenants;

    PlatformTenantController(Tenants tenants) {
        this.tenants = tenants;
    }

    @GetMapping("/admin")
    String list(Model model) {
        model.addAttribute("tenants", tenants.all());
        return "tenant/platform-tenants";
    }

    @GetMapping("/admin/tenants/new")
    String newTenant(Model model) {
        model.addAttribute("form", TenantForm.empty());
        return form(model);
    }

    @PostMapping("/admin/tenants")
    String create(@Valid @ModelAttribute("form") TenantForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        if (!errors.hasFieldErrors("slug") && tenants.slugTaken(form.slug())) {
            errors.rejectValue("slug", "tenant.slug.taken");
        }
        checkZone(form.timeZone(), errors);
        if (errors.hasErrors()) {
            return form(model);
        }
        Tenant tenant = tenants.create(new Tenants.NewTenant(form.slug(), form.name().trim(), form.kindValue(),
                form.language(), form.timeZone(), form.primaryColour(), form.legal(), form.administratorEmail()));
        redirect.addFlashAttribute("notice", "tenant.created");
        redirect.addFlashAttribute("noticeArgument", tenant.name());
        return "redirect:/admin";
    }

    static void checkZone(String zone, BindingResult errors) {
        if (errors.hasFieldErrors("timeZone")) {
            return;
        }
        if (zone == null || zone.isBlank()) {
            // Bean validation does not run when another field could not even be converted.
            errors.rejectValue("timeZone", "validation.required");
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.rejectValue("timeZone", "tenant.timeZone.invalid");
        }
    }

    private String form(Model model) {
        model.addAttribute("kinds", TenantKind.values());
        model.addAttribute("languages", Language.EVERY_SCREEN);
        return "tenant/platform-tenant-form";
    }
}
