package eu.localeconomy.web;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.tenant.Tenants;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public entry pages and the home page of each area. */
@Controller
class HomeController {

    private final Tenants tenants;

    HomeController(Tenants tenants) {
        this.tenants = tenants;
    }

    /** The platform's front page: the organisations on it, each linking to its own site. */
    @GetMapping("/")
    String platform(Model model) {
        model.addAttribute("tenants", tenants.all());
        return "web/platform-home";
    }

    /** A tenant's public site, in the citizen layout. */
    @GetMapping({"/t/{slug}", "/t/{slug}/"})
    String tenantHome(TenantContext tenant) {
        return "web/tenant-home";
    }

    @GetMapping("/t/{slug}/office")
    String office(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me) {
        return "web/office-home";
    }
}
