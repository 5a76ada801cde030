package eu.localeconomy.membership.extranet;

import eu.localeconomy.account.AccountProfile;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.account.InvitationAccepted;
import eu.localeconomy.account.Role;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Invites establishments' contacts to the extranet. One invitation per e-mail address covers every establishment
 * with that address; accepting it links the new account to all of them. An address that already has a professional
 * account is linked at once and told by a short mail.
 */
@Service
public class ProfessionalInvitations {

    /** What happened to one establishment. */
    public enum Outcome {
        /** An invitation was mailed. */
        INVITED,
        /** The address already has a professional account: linked, and told by mail. */
        LINKED,
        /** Already linked to that account: nothing to do. */
        ALREADY_LINKED,
        /** The establishment has no e-mail address. */
        NO_EMAIL,
        /** The address belongs to an account of another kind (staff) or a disabled one: not invited. */
        EMAIL_TAKEN
    }

    /** The latest invitation of an establishment. */
    public record Invitation(EstablishmentId establishment, String email, Instant invitedAt, Instant acceptedAt) {
    }

    private final Establishments establishments;
    private final Professionals professionals;
    private final Accounts accounts;
    private final MailOutbox mail;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ProfessionalInvitations(Establishments establishments, Professionals professionals, Accounts accounts,
                            MailOutbox mail, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.establishments = establishments;
        this.professionals = professionals;
        this.accounts = accounts;
        this.mail = mail;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Invites the contacts of these establishments (ids of other tenants or unknown ids are ignored). Mails go out in
     * the tenant's language: the office does not know the professional's.
     */
    @Transactional
    public Map<Outcome, Integer> invite(TenantContext tenant, Collection<EstablishmentId> ids, Actor by) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        Map<String, List<Establishment>> byEmail = new LinkedHashMap<>();
        for (Establishment e : establishments.findAll(tenant.id(), ids)) {
            String email = e.details().email();
            if (e.archived()) {
                continue;
            }
            if (email == null || email.isBlank()) {
                counts.merge(Outcome.NO_EMAIL, 1, Integer::sum);
            } else {
                byEmail.computeIfAbsent(email.strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e);
            }
        }
        byEmail.forEach((email, group) -> invite(tenant, email, group, by)
                .forEach((outcome, n) -> counts.merge(outcome, n, Integer::sum)));
        return counts;
    }

    private Map<Outcome, Integer> invite(TenantContext tenant, String email, List<Establishment> group, Actor by) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        var existing = accounts.profileByEmail(tenant.id(), email);
        if (existing.isPresent()) {
            AccountProfile account = existing.get();
            if (account.role() != Role.PROFESSIONAL || !account.enabled()) {
                counts.put(Outcome.EMAIL_TAKEN, group.size());
                return counts;
            }
            List<String> added = new ArrayList<>();
            for (Establishment e : group) {
                if (professionals.link(tenant.id(), account.id(), e.id(), by)) {
                    added.add(e.name());
                    counts.merge(Outcome.LINKED, 1, Integer::sum);
                } else {
                    counts.merge(Outcome.ALREADY_LINKED, 1, Integer::sum);
                }
            }
            if (!added.isEmpty()) {
                Language language = account.language() != null ? account.language() : tenant.defaultLanguage();
                mail.enqueue(new OutgoingMail(tenant.id(), account.email(), language, "membership-establishment-added",
                        Map.of("tenantName", tenant.name(), "name", account.displayName(), "establishments", added,
                                "link", tenant.path() + "/pro")));
            }
            return counts;
        }
        Language language = Language.EVERY_SCREEN.contains(tenant.defaultLanguage()) ? tenant.defaultLanguage() : Language.FR;
        UUID invitation = accounts.inviteProfessional(tenant, email, language, by);
        Timestamp now = Timestamp.from(clock.instant());
        UUID invitedBy = Actor.accountOf(by);
        for (Establishment e : group) {
            jdbc.sql("""
                            insert into membership_invitation (invitation_id, tenant_id, establishment_id, email, invited_by,
                                invited_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(invitation, tenant.id().value(), e.id().value(), email, invitedBy, now)
                    .update();
            audit.record(by == null ? Actor.SYSTEM : by, tenant.id(), "membership.professional.invited",
                    "directory_establishment", e.id().value(), Map.of("invitation", invitation));
        }
        counts.put(Outcome.INVITED, group.size());
        return counts;
    }

    /**
     * Links the new account to every establishment of its invitation, in the transaction that creates the account
     * (synchronous: the professional who logs in right after signing up must find their establishments).
     */
    @EventListener
    void on(InvitationAccepted event) {
        if (event.role() != Role.PROFESSIONAL) {
            return;
        }
        jdbc.sql("""
                        update membership_invitation set accepted_at = ?, account_id = ?
                        where tenant_id = ? and invitation_id = ? and accepted_at is null
                        returning establishment_id""")
                .params(Timestamp.from(clock.instant()), event.account().value(), event.tenant().value(),
                        event.invitationId())
                .query((rs, n) -> new EstablishmentId(rs.getObject(1, UUID.class)))
                .list()
                .forEach(establishment -> professionals.link(event.tenant(), event.account(), establishment, Actor.SYSTEM));
    }

    /** The latest invitation of each of these establishments. */
    public Map<EstablishmentId, Invitation> latest(TenantId tenant, Collection<EstablishmentId> ids) {
        Map<EstablishmentId, Invitation> latest = new HashMap<>();
        if (ids.isEmpty()) {
            return latest;
        }
        jdbc.sql("""
                        select distinct on (establishment_id) establishment_id, email, invited_at, accepted_at
                        from membership_invitation where tenant_id = ? and establishment_id = any(?)
                        order by establishment_id, invited_at desc""")
                .params(tenant.value(), ids.stream().map(EstablishmentId::value).toArray(UUID[]::new))
                .query((rs, n) -> {
                    Timestamp accepted = rs.getTimestamp("accepted_at");
                    return new Invitation(new EstablishmentId(rs.getObject("establishment_id", UUID.class)),
                            rs.getString("email"), rs.getTimestamp("invited_at").toInstant(),
                            accepted == null ? null : accepted.toInstant());
                })
                .list()
                .forEach(i -> latest.put(i.establishment(), i));
        return latest;
    }

    /** Accounts linked to an establishment, by display name, for the office's list. */
    public Map<EstablishmentId, List<String>> accountNames(TenantId tenant, Collection<EstablishmentId> ids) {
        Map<UserId, String> names = new HashMap<>();
        Map<EstablishmentId, List<String>> result = new HashMap<>();
        for (Professionals.Link link : professionals.accountsOf(tenant, List.copyOf(ids))) {
            String name = names.computeIfAbsent(link.account(),
                    a -> accounts.displayName(tenant, a).orElse("—"));
            result.computeIfAbsent(link.establishment(), k -> new ArrayList<>()).add(name);
        }
        return result;
    }
}
