package eu.localeconomy.api;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Language;
import eu.localeconomy.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Tag(name = "Staff")
@ApiController
class StaffApiController {

    record InvitationRequest(
            @NotBlank(message = "{validation.required}") @Email(message = "{validation.email}")
            @Size(max = 254, message = "{validation.tooLong}") String email,
            @NotNull(message = "{validation.required}")
            @Schema(allowableValues = {"TENANT_ADMIN", "FINANCE", "HELPDESK", "READ_ONLY"}) Role role,
            @NotNull(message = "{validation.required}") @Pattern(regexp = "nl|fr|en", message = "{api.validation.language}")
            @Schema(allowableValues = {"nl", "fr", "en"}) String language) {
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
    @ApiResponse(responseCode = "201", description = "Invitation sent",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvitationCreated.class)))
    @ApiResponse(responseCode = "409", description = "Someone in the tenant already has an account with this address",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = "/api/v1/staff/invitations", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InvitationCreated> invite(@AuthenticationPrincipal ApiClientPrincipal client,
                                             @Valid @RequestBody InvitationRequest body) {
        // Thrown, not returned: the exception handler writes problems as problem+json whatever this mapping produces.
        if (!body.role().isStaff()) {
            ProblemDetail problem = problems.of(HttpStatus.BAD_REQUEST, "staff-role");
            problem.setProperty("errors", List.of(Map.of("field", "role", "message", problem.getDetail())));
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        var tenant = tenants.findById(client.tenantId()).orElseThrow().context();
        if (accounts.emailTaken(tenant.id(), body.email())) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, problems.of(HttpStatus.CONFLICT, "email-taken"), null);
        }
        UUID id = accounts.inviteStaff(tenant, body.email().trim(), body.role(),
                Language.fromCode(body.language()).orElseThrow(), client);
        return ResponseEntity.status(HttpStatus.CREATED).body(new InvitationCreated(id, body.email().trim(), body.role()));
    }
}
