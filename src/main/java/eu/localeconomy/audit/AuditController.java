package eu.localeconomy.audit;

import eu.localeconomy.shared.ActorNames;
import eu.localeconomy.shared.TenantContext;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** Back office: the tenant's audit trail, filterable by action, person, target and dates. Tenant administrators. */
@Controller
class AuditController {

    static final int PAGE_SIZE = 50;

    /** Filter form; dates are business dates in the tenant's time zone, both inclusive. */
    record Filter(String action, UUID actor, String target,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Integer page) {

        public int pageIndex() {
            return page == null || page < 0 ? 0 : page;
        }
    }

    private final AuditQuery query;
    private final ActorNames names;

    AuditController(AuditQuery query, ActorNames names) {
        this.query = query;
        this.names = names;
    }

    private static java.util.Optional<UUID> parseUuid(String value) {
        try {
            return java.util.Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    @GetMapping("/t/{slug}/office/audit")
    String list(TenantContext tenant, @ModelAttribute("filter") Filter filter, Model model) {
        var criteria = new AuditQuery.Criteria(filter.action(), filter.actor(), filter.target(),
                filter.from() == null ? null : filter.from().atStartOfDay(tenant.zone()).toInstant(),
                filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(tenant.zone()).toInstant());
        var events = query.search(tenant.id(), criteria, filter.pageIndex() * PAGE_SIZE, PAGE_SIZE + 1);
        boolean more = events.size() > PAGE_SIZE;
        events = more ? events.subList(0, PAGE_SIZE) : events;
        // People appear by name, whether they acted or were acted upon.
        var people = events.stream().map(AuditQuery.Event::actorId).filter(Objects::nonNull).collect(Collectors.toSet());
        events.stream().filter(e -> "user".equals(e.targetType()) && e.targetId() != null)
                .forEach(e -> parseUuid(e.targetId()).ifPresent(people::add));
        Map<UUID, String> actorNames = names.namesOf(tenant.id(), people);
        model.addAttribute("events", events);
        model.addAttribute("actorNames", actorNames);
        Map<String, String> targetNames = new java.util.HashMap<>();
        actorNames.forEach((id, name) -> targetNames.put(id.toString(), name));
        model.addAttribute("targetNames", targetNames);
        model.addAttribute("actions", query.actions(tenant.id()));
        model.addAttribute("hasMore", more);
        model.addAttribute("zone", tenant.zone());
        return "audit/audit";
    }
}
