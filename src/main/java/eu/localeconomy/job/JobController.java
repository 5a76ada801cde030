package eu.localeconomy.job;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/** A job's page, and the progress fragment that htmx polls while it runs. */
@Controller
class JobController {

    private final Jobs jobs;

    JobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/t/{slug}/office/jobs/{id}")
    String show(TenantContext tenant, @PathVariable UUID id, Model model) {
        model.addAttribute("job", job(tenant, id));
        return "job/job";
    }

    @GetMapping("/t/{slug}/office/jobs/{id}/progress")
    String progress(TenantContext tenant, @PathVariable UUID id, Model model, HttpServletResponse response) {
        JobView job = job(tenant, id);
        model.addAttribute("job", job);
        if (job.finished()) {
            // Pages that show more than the progress (results, report links) listen for this event to refresh.
            response.setHeader("HX-Trigger", "jobFinished");
        }
        return "job/progress :: progressBody";
    }

    @PostMapping("/t/{slug}/office/jobs/{id}/cancel")
    String cancel(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal Actor actor,
                  RedirectAttributes redirect) {
        job(tenant, id);
        jobs.cancel(tenant.id(), id, actor);
        redirect.addFlashAttribute("notice", "job.cancel.requested");
        return "redirect:" + tenant.path() + "/office/jobs/" + id;
    }

    private JobView job(TenantContext tenant, UUID id) {
        return jobs.find(tenant.id(), id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }
}
