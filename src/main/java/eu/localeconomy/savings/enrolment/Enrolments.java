package eu.localeconomy.savings.enrolment;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.savings.card.CardDocuments;
import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.SecureTokens;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The enrolment after identification: consent and e-mail (a PENDING enrolment and a verification link), then, when
 * the link is followed, the citizen account, the ACTIVE enrolment and the ACTIVE card.
 */
@Service
class Enrolments {

    private final JdbcClient jdbc;
    private final Programmes programmes;
    private final Accounts accounts;
    private final MailOutbox mail;
    private final CardDocuments documents;
    private final EnrolmentProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    Enrolments(JdbcClient jdbc, Programmes programmes, Accounts accounts, MailOutbox mail,
               CardDocuments documents, EnrolmentProperties properties, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.programmes = programmes;
        this.accounts = accounts;
        this.mail = mail;
        this.documents = documents;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A verification link still waiting to be followed. */
    record Pending(UUID enrolmentId, UUID cardId, UUID memberId, String email, Language language,
                   Identified.Channel channel, String personName) {
    }

    /**
     * Records the consent and the e-mail address (a PENDING enrolment, replacing an earlier unfinished one of the
     * same person on the same card) and mails the verification link. False if the person's enrolment became active
     * in the meantime.
     */
    @Transactional
    public boolean start(TenantContext tenant, Identified who, String email, Language language) {
        Programme programme = programmes.find(tenant.id(), who.programmeId()).orElseThrow();
        Instant now = clock.instant();
        String secret = SecureTokens.newToken();
        Optional<UUID> id = jdbc.sql("""
                        insert into savings_enrolment as e (id, tenant_id, programme_id, card_id, member_id, email, language,
                            status, privacy_notice_version, consented_at, channel, created_at, updated_at, verification_hash,
                            verification_expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?)
                        on conflict (card_id, member_id) do update set email = excluded.email, language = excluded.language,
                            status = 'PENDING', privacy_notice_version = excluded.privacy_notice_version,
                            consented_at = excluded.consented_at, consent_withdrawn_at = null, channel = excluded.channel,
                            updated_at = excluded.updated_at, verification_hash = excluded.verification_hash,
                            verification_expires_at = excluded.verification_expires_at, verification_used_at = null
                        where e.status <> 'ACTIVE'
                        returning id""")
                .params(UUID.randomUUID(), tenant.id().value(), programme.id(), who.cardId(), who.memberId(), email.trim(),
                        language.code(), programme.privacyNoticeVersion(), Timestamp.from(now), who.channel().name(),
                        Timestamp.from(now), Timestamp.from(now), SecureTokens.digest(secret),
                        Timestamp.from(now.plus(properties.verificationValidity())))
                .query(UUID.class).optional();
        if (id.isEmpty()) {
            return false;
        }
        mail.enqueue(new OutgoingMail(tenant.id(), email.trim(), language, "citizen-enrolment-verify", Map.of(
                "name", personName(tenant.id(), who.memberId()),
                "tenantName", tenant.name(),
                "programme", programme.text("title", language),
                "link", tenant.path() + "/enrol/verify?token=" + secret,
                "validHours", properties.verificationValidity().toHours())));
        audit.record(Actor.ANONYMOUS, tenant.id(), "enrolment.started", "enrolment", id.get(),
                Map.of("channel", who.channel(), "privacyNoticeVersion", programme.privacyNoticeVersion()));
        return true;
    }

    /** The enrolment a verification link stands for, if the link can still be used. */
    public Optional<Pending> pending(TenantId tenant, String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select e.id, e.card_id, e.member_id, e.email, e.language, e.channel,
                               trim(coalesce(m.first_name, '') || ' ' || m.last_name)
                        from savings_enrolment e
                        join savings_household_member m on m.tenant_id = e.tenant_id and m.id = e.member_id
                        where e.tenant_id = ? and e.verification_hash = ? and e.status = 'PENDING'
                          and e.verification_used_at is null and e.verification_expires_at > ?""")
                .params(tenant.value(), SecureTokens.digest(secret), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), Language.fromCode(rs.getString(5)).orElse(Language.EN),
                        Identified.Channel.valueOf(rs.getString(6)), rs.getString(7)))
                .optional();
    }

    sealed interface Activation {
        record Done(UserId user) implements Activation {
        }

        record InvalidLink() implements Activation {
        }
    }

    /**
     * Follows a verification link: the citizen account (created, or the existing one of this address), the enrolment
     * and the card become ACTIVE. Through "card not received" the digital card is mailed as a PDF at the same time.
     * The link works once: its use is one conditional update.
     */
    @Transactional
    public Activation activate(TenantContext tenant, String secret, String rawPasswordOrNull) {
        Optional<Pending> found = pending(tenant.id(), secret);
        Instant now = clock.instant();
        if (found.isEmpty() || jdbc.sql("""
                        update savings_enrolment set verification_used_at = ?
                        where tenant_id = ? and id = ? and verification_used_at is null and verification_expires_at > ?""")
                .params(Timestamp.from(now), tenant.id().value(), found.get().enrolmentId(), Timestamp.from(now))
                .update() != 1) {
            audit.record(Actor.ANONYMOUS, tenant.id(), "enrolment.link-rejected", null, null, Map.of());
            return new Activation.InvalidLink();
        }
        Pending pending = found.get();
        Optional<UserId> user = accounts.citizenAccount(tenant.id(), pending.email(), pending.personName(),
                pending.language(), rawPasswordOrNull);
        if (user.isEmpty()) {
            // The address belongs to a staff account: the link stays usable with another address (a new enrolment).
            audit.record(Actor.ANONYMOUS, tenant.id(), "enrolment.refused", "enrolment", pending.enrolmentId(),
                    Map.of("reason", "email-of-another-account"));
            throw new EmailTakenException();
        }
        jdbc.sql("""
                        update savings_enrolment set status = 'ACTIVE', user_id = ?, email_verified_at = ?, updated_at = ?
                        where tenant_id = ? and id = ?""")
                .params(user.get().value(), Timestamp.from(now), Timestamp.from(now), tenant.id().value(),
                        pending.enrolmentId())
                .update();
        boolean digital = pending.channel() == Identified.Channel.NOT_RECEIVED;
        jdbc.sql("""
                        update savings_card set status = case when status = 'BLOCKED' then status else 'ACTIVE' end,
                            activated_at = coalesce(activated_at, ?),
                            digital_sent_at = case when ? then ? else digital_sent_at end
                        where tenant_id = ? and id = ?""")
                .params(Timestamp.from(now), digital, Timestamp.from(now), tenant.id().value(), pending.cardId())
                .update();
        if (digital) {
            mailDigitalCard(tenant, pending);
        }
        audit.record(Actor.ANONYMOUS, tenant.id(), "enrolment.activated", "enrolment", pending.enrolmentId(),
                Map.of("channel", pending.channel(), "card", pending.cardId()));
        return new Activation.Done(user.get());
    }

    /** Thrown inside the activation so that the link's use rolls back with it. */
    static class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("the e-mail address belongs to another kind of account", null, false, false);
        }
    }

    private void mailDigitalCard(TenantContext tenant, Pending pending) {
        String number = jdbc.sql("select number from savings_card where tenant_id = ? and id = ?")
                .params(tenant.id().value(), pending.cardId()).query(String.class).single();
        byte[] pdf = documents.digitalCardPdf(tenant.id(), pending.cardId(), pending.language());
        String formatted = new CardNumber(number).formatted();
        mail.enqueue(new OutgoingMail(tenant.id(), pending.email(), pending.language(), "citizen-digital-card", Map.of(
                "name", pending.personName(),
                "tenantName", tenant.name(),
                "number", formatted,
                "link", tenant.path() + "/me"),
                List.of(new OutgoingMail.Attachment("card-" + formatted + ".pdf", "application/pdf", pdf))));
    }

    private String personName(TenantId tenant, UUID member) {
        return jdbc.sql("select trim(coalesce(first_name, '') || ' ' || last_name) from savings_household_member where tenant_id = ? and id = ?")
                .params(tenant.value(), member).query(String.class).single();
    }
}
