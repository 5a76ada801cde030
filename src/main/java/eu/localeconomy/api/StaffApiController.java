package eu.localeconomy.api;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Language;
import eu.localeconomy.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
class StaffApiController {

    record InvitationRequest(@NotBlank @Email @Size(max = 254) String email,
                             @NotNull Role role,
                             @NotNull @Pattern(regexp = "nl|fr|en") String language) {
    }

    record InvitationCreated(UUID id, String email, Role role) {
    }

    private final Accounts accounts;
    private final Tenants tenants;
    private final Problems problems;

    StaffApiController(Accounts accounts, Tenants tenants, Problems problems) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.problems = problems;
    }

    @Operation(summary = "Invite a colleague by e-mail", description = "Scope staff:write. Roles: TENANT_ADMIN, FINANCE, HELPDESK, READ_ONLY.")
    @PostMapping("/api/v1/staff/invitations")
    ResponseEntity<?> invite(@AuthenticationPrincipal ApiClientPrincipal client, @Valid @RequestBody InvitationRequest body) {
        if (!body.role().isStaff()) {
            return ResponseEntity.badRequest().body(problems.of(HttpStatus.BAD_REQUEST, "staff-role"));
        }
        var tenant = tenants.findById(client.tenantId()).orElseThrow().context();
        if (accounts.emailTaken(tenant.id(), body.email())) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problems.of(HttpStatus.CONFLICT, "email-taken"));
        }
        UUID id = accounts.inviteStaff(tenant, body.email().trim(), body.role(),
                Language.fromCode(body.language()).orElseThrow(), client);
        return ResponseEntity.status(HttpStatus.CREATED).body(new InvitationCreated(id, body.email().trim(), body.role()));
    }
}
