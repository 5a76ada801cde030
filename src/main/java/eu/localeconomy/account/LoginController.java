package eu.localeconomy.account;

import eu.localeconomy.shared.TenantContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Login pages: one per tenant, and the platform administrators' own. */
@Controller
class LoginController {

    @GetMapping("/t/{slug}/login")
    String tenantLogin(TenantContext tenant) {
        return "account/login";
    }

    @GetMapping("/login")
    String platformLogin() {
        return "account/platform-login";
    }
}
