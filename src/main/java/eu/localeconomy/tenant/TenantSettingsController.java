package eu.localeconomy.tenant;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.ZoneId;
import java.util.Set;

/** A tenant administrator's view of the organisation: name, defaults, branding and legal identity. */
@Controller
class TenantSettingsController {

    private static final Set<String> LOGO_TYPES = Set.of("image/png", "image/jpeg");
    private static final long MAX_LOGO_BYTES = 512 * 1024;
    private final Tenants tenants;

    TenantSettingsController(Tenants tenants) {
        this.tenants = tenants;
    }

    @GetMapping("/t/{slug}/office/settings")
    String show(TenantContext tenant, Model model) {
        model.addAttribute("form", TenantForm.of(tenants.findById(tenant.id()).orElseThrow()));
        model.addAttribute("languages", Language.EVERY_SCREEN);
        return "tenant/settings";
    }

    @PostMapping("/t/{slug}/office/settings")
    String update(TenantContext tenant, @Valid @ModelAttribute("form") TenantForm form, BindingResult errors,
                  Model model, RedirectAttributes redirect) {
        PlatformTenantController.checkZone(form.timeZone(), errors);
        if (errors.hasErrors()) {
            model.addAttribute("languages", Language.EVERY_SCREEN);
            return "tenant/settings";
        }
        tenants.updateSettings(tenant.id(), form.name().trim(), form.language(), ZoneId.of(form.timeZone()),
                form.primaryColour(), form.legal());
        redirect.addFlashAttribute("notice", "tenant.settings.saved");
        return "redirect:" + tenant.path() + "/office/settings";
    }

    @PostMapping("/t/{slug}/office/settings/logo")
    String uploadLogo(TenantContext tenant, @RequestParam(name = "logo", required = false) MultipartFile logo, RedirectAttributes redirect)
            throws IOException {
        if (logo == null || logo.isEmpty() || logo.getSize() > MAX_LOGO_BYTES || !LOGO_TYPES.contains(logo.getContentType())) {
            redirect.addFlashAttribute("alert", "tenant.logo.invalid");
        } else {
            tenants.updateLogo(tenant.id(), logo.getBytes(), logo.getContentType());
            redirect.addFlashAttribute("notice", "tenant.logo.saved");
        }
        return "redirect:" + tenant.path() + "/office/settings";
    }
}
