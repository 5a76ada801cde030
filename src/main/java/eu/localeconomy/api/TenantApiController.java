package eu.localeconomy.api;

import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.UUID;

@Tag(name = "Tenant")
@ApiController
class TenantApiController {

    record TenantView(UUID id, String slug, String name, TenantKind kind, String defaultLanguage, String timeZone,
                      String currency) {
    }

    private final Tenants tenants;

    TenantApiController(Tenants tenants) {
        this.tenants = tenants;
    }

    @Operation(summary = "The tenant this token belongs to", description = "Scope tenant:read.")
    @GetMapping(path = "/api/v1/tenant", produces = MediaType.APPLICATION_JSON_VALUE)
    TenantView tenant(@AuthenticationPrincipal ApiClientPrincipal client) {
        var t = tenants.findById(client.tenantId()).orElseThrow();
        return new TenantView(t.id().value(), t.slug(), t.name(), t.kind(), t.defaultLanguage().code(), t.zone().getId(),
                t.currency());
    }
}
