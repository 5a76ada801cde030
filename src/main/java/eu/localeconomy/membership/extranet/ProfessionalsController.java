package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.springframework.http.HttpStatus.FORBIDDEN;

/**
 * Back office: the establishments with their e-mail, linked professional accounts and invitation state; a tenant
 * administrator invites one, several or a whole saved segment. Other staff see the list.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class ProfessionalsController {

    /** Rows shown at once; the search narrows the list. */
    static final int LIST_LIMIT = 200;
    /** More establishments than any office posts at once: a forged request cannot make the server work forever. */
    static final int MAX_SELECTED = 5_000;

    enum State { NO_EMAIL, NOT_INVITED, INVITED, ACTIVE }

    record Row(EstablishmentId id, String name, String city, String email, List<String> accounts, State state,
               Instant invitedAt) {
    }

    private final Establishments establishments;
    private final Segments segments;
    private final ProfessionalInvitations invitations;

    ProfessionalsController(Establishments establishments, Segments segments, ProfessionalInvitations invitations) {
        this.establishments = establishments;
        this.segments = segments;
        this.invitations = invitations;
    }

    @GetMapping("/t/{slug}/office/professionals")
    String list(TenantContext tenant, @RequestParam(name = "q", required = false) String query,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                @AuthenticationPrincipal AccountPrincipal me, HttpServletResponse response, Model model) {
        String q = query == null ? "" : query.strip();
        if (q.length() > 100) {
            q = q.substring(0, 100);
        }
        String needle = q.toLowerCase(Locale.ROOT);
        List<Establishment> found = establishments.all(tenant.id()).stream()
                .filter(e -> needle.isEmpty() || matches(e, needle))
                .toList();
        List<Establishment> shown = found.size() > LIST_LIMIT ? found.subList(0, LIST_LIMIT) : found;
        List<EstablishmentId> ids = shown.stream().map(Establishment::id).toList();
        var latest = invitations.latest(tenant.id(), ids);
        var names = invitations.accountNames(tenant.id(), ids);
        model.addAttribute("rows", shown.stream().map(e -> row(e, latest.get(e.id()), names.getOrDefault(e.id(), List.of())))
                .toList());
        model.addAttribute("total", found.size());
        model.addAttribute("more", found.size() > LIST_LIMIT);
        model.addAttribute("q", q);
        model.addAttribute("segments", segments.of(tenant.id()));
        model.addAttribute("mayInvite", me != null && me.role() == Role.TENANT_ADMIN);
        response.setHeader("Vary", "HX-Request");
        return htmx != null && restore == null ? "membership/extranet/access/professionals :: results"
                : "membership/extranet/access/professionals";
    }

    @PostMapping("/t/{slug}/office/professionals/invite")
    String invite(TenantContext tenant, @RequestParam(name = "establishment", required = false) List<String> selected,
                  @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        requireAdmin(tenant, me);
        List<EstablishmentId> ids = selected == null ? List.of() : selected.stream().limit(MAX_SELECTED)
                .map(Uuids::parse).flatMap(Optional::stream).map(EstablishmentId::new).distinct().toList();
        if (ids.isEmpty()) {
            redirect.addFlashAttribute("alert", "professionals.invite.noneSelected");
        } else {
            redirect.addFlashAttribute("inviteSummary", invitations.invite(tenant, ids, me));
        }
        return "redirect:" + tenant.path() + "/office/professionals";
    }

    @PostMapping("/t/{slug}/office/professionals/invite-segment")
    String inviteSegment(TenantContext tenant, @RequestParam(name = "segment", required = false) String segment,
                         @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        requireAdmin(tenant, me);
        var found = Uuids.parse(segment).map(SegmentId::new).flatMap(id -> segments.find(tenant.id(), id));
        if (found.isEmpty()) {
            redirect.addFlashAttribute("alert", "professionals.invite.noSegment");
        } else {
            List<EstablishmentId> ids = segments.members(tenant.id(), found.get().criterion()).stream()
                    .map(Establishment::id).toList();
            redirect.addFlashAttribute("inviteSummary", invitations.invite(tenant, ids, me));
        }
        return "redirect:" + tenant.path() + "/office/professionals";
    }

    private static Row row(Establishment e, ProfessionalInvitations.Invitation invitation, List<String> accounts) {
        String email = e.details().email();
        State state;
        if (!accounts.isEmpty()) {
            state = State.ACTIVE;
        } else if (invitation != null) {
            state = State.INVITED;
        } else if (email == null || email.isBlank()) {
            state = State.NO_EMAIL;
        } else {
            state = State.NOT_INVITED;
        }
        return new Row(e.id(), e.name(), e.details().city(), email == null || email.isBlank() ? null : email, accounts,
                state, invitation == null ? null : invitation.invitedAt());
    }

    private static boolean matches(Establishment e, String needle) {
        return contains(e.name(), needle) || contains(e.details().city(), needle) || contains(e.details().email(), needle)
                || contains(e.details().postcode(), needle);
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static void requireAdmin(TenantContext tenant, AccountPrincipal me) {
        if (me == null || me.role() != Role.TENANT_ADMIN) {
            throw new ResponseStatusException(FORBIDDEN);
        }
    }
}
