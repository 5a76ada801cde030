package eu.localeconomy.api;

import eu.localeconomy.audit.AuditQuery;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
class AuditApiController {

    record AuditPage(int page, int size, List<AuditQuery.Event> events) {
    }

    private final AuditQuery query;

    AuditApiController(AuditQuery query) {
        this.query = query;
    }

    @Operation(summary = "The tenant's audit trail, newest first", description = "Scope audit:read. Times are ISO-8601 instants; 'to' is exclusive.")
    @GetMapping("/api/v1/audit-events")
    AuditPage events(@AuthenticationPrincipal ApiClientPrincipal client,
                     @RequestParam(required = false) String action,
                     @RequestParam(required = false) Instant from,
                     @RequestParam(required = false) Instant to,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        var events = query.search(client.tenantId(), new AuditQuery.Criteria(action, null, null, from, to), page * size, size);
        return new AuditPage(page, size, events);
    }
}
