package eu.localeconomy.account;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A tenant administrator's changes to colleagues' accounts. Changes end the colleague's open sessions. */
@Service
class StaffManagement {

    enum Outcome { DONE, NOT_FOUND, NOT_YOURSELF, LAST_ADMINISTRATOR }

    private final UserAccountRepository accounts;
    private final AccountTokens tokens;
    private final Accounts sessions;
    private final AuditLog audit;
    private final Clock clock;

    StaffManagement(UserAccountRepository accounts, AccountTokens tokens, Accounts sessions, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    List<UserAccount> staff(TenantContext tenant) {
        return accounts.findByRoles(tenant.id(), Role.STAFF);
    }

    List<AccountTokens.Token> pendingInvitations(TenantContext tenant) {
        return tokens.pendingInvitations(tenant.id(), clock.instant());
    }

    @Transactional
    Outcome changeRole(TenantContext tenant, UserId user, Role role, AccountPrincipal by) {
        var account = accounts.findById(tenant.id(), user).filter(a -> a.role().isStaff());
        if (account.isEmpty() || !role.isStaff()) {
            return Outcome.NOT_FOUND;
        }
        if (user.equals(by.userId())) {
            return Outcome.NOT_YOURSELF;
        }
        if (account.get().role() == Role.TENANT_ADMIN && role != Role.TENANT_ADMIN && lastAdministrator(tenant, account.get())) {
            return Outcome.LAST_ADMINISTRATOR;
        }
        accounts.updateRole(tenant.id(), user, role);
        audit.record(by, tenant.id(), "staff.role.changed", "user", user,
                Map.of("from", account.get().role(), "to", role));
        sessions.endSessions(user);
        return Outcome.DONE;
    }

    @Transactional
    Outcome setEnabled(TenantContext tenant, UserId user, boolean enabled, AccountPrincipal by) {
        var account = accounts.findById(tenant.id(), user).filter(a -> a.role().isStaff());
        if (account.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (user.equals(by.userId())) {
            return Outcome.NOT_YOURSELF;
        }
        if (!enabled && account.get().role() == Role.TENANT_ADMIN && lastAdministrator(tenant, account.get())) {
            return Outcome.LAST_ADMINISTRATOR;
        }
        accounts.updateEnabled(tenant.id(), user, enabled);
        audit.record(by, tenant.id(), enabled ? "staff.enabled" : "staff.disabled", "user", user, Map.of());
        if (!enabled) {
            sessions.endSessions(user);
        }
        return Outcome.DONE;
    }

    private boolean lastAdministrator(TenantContext tenant, UserAccount account) {
        return account.enabled() && accounts.countEnabled(tenant.id(), Role.TENANT_ADMIN) <= 1;
    }
}
