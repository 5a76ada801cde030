package eu.localeconomy.membership.reminder;

import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.util.Optional;

/**
 * The public opt-out page a reminder links to: the signed token names the establishment; a button confirms (a link
 * opened by a mail scanner must not opt anyone out). A token that does not verify gets a plain explanation.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class OptOutController {

    private final Reminders reminders;
    private final Establishments establishments;

    OptOutController(Reminders reminders, Establishments establishments) {
        this.reminders = reminders;
        this.establishments = establishments;
    }

    @GetMapping("/t/{slug}/reminders/opt-out/{token}")
    String page(TenantContext tenant, @PathVariable String token, HttpServletResponse response, Model model) {
        Optional<Establishment> establishment = establishment(tenant, token);
        if (establishment.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("invalid", true);
            return "membership/reminder/opt-out";
        }
        model.addAttribute("establishment", establishment.get());
        model.addAttribute("token", token);
        model.addAttribute("already", reminders.optedOut(tenant.id(), establishment.get().id()));
        return "membership/reminder/opt-out";
    }

    @PostMapping("/t/{slug}/reminders/opt-out/{token}")
    String confirm(TenantContext tenant, @PathVariable String token, HttpServletResponse response, Model model) {
        Optional<Establishment> establishment = establishment(tenant, token);
        if (establishment.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("invalid", true);
            return "membership/reminder/opt-out";
        }
        reminders.optOut(tenant.id(), establishment.get().id());
        model.addAttribute("establishment", establishment.get());
        model.addAttribute("done", true);
        return "membership/reminder/opt-out";
    }

    private Optional<Establishment> establishment(TenantContext tenant, String token) {
        return reminders.optOutTarget(tenant.id(), token).flatMap(id -> establishments.find(tenant.id(), id));
    }
}
