package eu.localeconomy.api;

import eu.localeconomy.audit.AuditQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.List;

@Tag(name = "Audit trail")
@ApiController
class AuditApiController {

    record AuditPage(int page, int size, List<AuditQuery.Event> events) {
    }

    /** Keeps page × size inside an int offset; nobody pages this far through an audit trail. */
    static final int MAX_PAGE = 1_000_000;

    private final AuditQuery query;

    AuditApiController(AuditQuery query) {
        this.query = query;
    }

    @Operation(summary = "The tenant's audit trail, newest first", description = "Scope audit:read. Times are ISO-8601 instants; 'to' is exclusive.")
    @GetMapping(path = "/api/v1/audit-events", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditPage events(@AuthenticationPrincipal ApiClientPrincipal client,
                     @RequestParam(required = false) String action,
                     @RequestParam(required = false) Instant from,
                     @RequestParam(required = false) Instant to,
                     @RequestParam(defaultValue = "0") @Min(value = 0, message = "{api.validation.min}")
                     @Max(value = MAX_PAGE, message = "{api.validation.max}") int page,
                     @RequestParam(defaultValue = "50") @Min(value = 1, message = "{api.validation.min}")
                     @Max(value = 200, message = "{api.validation.max}") int size) {
        var events = query.search(client.tenantId(), new AuditQuery.Criteria(action, null, null, from, to), page * size, size);
        return new AuditPage(page, size, events);
    }
}
