package eu.localeconomy.savings.enrolment;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.register.PersonalIdentifiers;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.SecretBox;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Matches what a citizen typed against the households of the registers. Whether the card number or the identifier
 * was wrong, the answer and the work done are the same, so the form cannot be used to find valid card numbers. Each
 * mismatch counts towards a lock of the card (or, without a card number, of the identifier) kept in the database.
 */
@Service
class Identification {

    private final JdbcClient jdbc;
    private final PersonalIdentifiers identifiers;
    private final SecretBox secrets;
    private final EnrolmentThrottle throttle;
    private final EnrolmentProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    Identification(JdbcClient jdbc, PersonalIdentifiers identifiers, SecretBox secrets,
                   EnrolmentThrottle throttle, EnrolmentProperties properties, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.identifiers = identifiers;
        this.secrets = secrets;
        this.throttle = throttle;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A card with what the identification needs of its household and programme, read in one query. */
    private record CardRow(UUID cardId, UUID programmeId, UUID householdId, String status, Instant lockedUntil,
                           String register, String householdStatus, String taxNumberHash, LocalDate opensOn,
                           LocalDate closesOn) {
    }

    private static final String CARD_ROW = """
            select c.id, c.programme_id, c.household_id, c.status, c.locked_until, h.register, h.status,
                   h.tax_number_hash, p.enrolment_opens_on, p.enrolment_closes_on
            from savings_card c
            join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
            join savings_programme p on p.tenant_id = c.tenant_id and p.id = c.programme_id
            """;

    private static CardRow cardRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp locked = rs.getTimestamp(5);
        return new CardRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), locked == null ? null : locked.toInstant(), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class));
    }

    /** Identification with a card number (typed, or from a verified QR code) and a proof. */
    @Transactional
    public Outcome byCard(TenantContext tenant, CardNumber number, Proof proof, String address) {
        TenantId tenantId = tenant.id();
        if (!throttle.tryAttempt(address, "card:" + tenantId.value() + ":" + number.value())) {
            audit.record(Actor.ANONYMOUS, tenantId, "enrolment.throttled", null, null, Map.of("channel", "CARD"));
            return new Outcome.TooManyAttempts();
        }
        Instant now = clock.instant();
        // The statuses and locks of the card; its number is unique per tenant.
        Optional<CardRow> found = jdbc.sql(CARD_ROW + "where c.tenant_id = ? and c.number = ?")
                .params(tenantId.value(), number.value()).query(Identification::cardRow).optional();
        if (found.isPresent() && found.get().lockedUntil() != null && found.get().lockedUntil().isAfter(now)) {
            audit.record(Actor.ANONYMOUS, tenantId, "enrolment.mismatch", "card", found.get().cardId(),
                    Map.of("channel", "CARD", "reason", "locked"));
            return new Outcome.TooManyAttempts();
        }
        // An unknown card does the same member lookup as a known one (on a household that does not exist).
        CardRow card = found.orElse(null);
        Optional<UUID> member = memberOf(tenantId, card == null ? UUID.randomUUID() : card.householdId(),
                card == null ? "POPULATION" : card.register(), card == null ? null : card.taxNumberHash(), proof);
        if (card == null || member.isEmpty()) {
            if (card != null) {
                recordCardMismatch(tenantId, card.cardId(), now);
            } else {
                audit.record(Actor.ANONYMOUS, tenantId, "enrolment.mismatch", null, null,
                        Map.of("channel", "CARD", "reason", "no-match"));
            }
            return new Outcome.Mismatch();
        }
        jdbc.sql("update savings_card set failed_attempts = 0 where tenant_id = ? and id = ? and failed_attempts > 0")
                .params(tenantId.value(), card.cardId()).update();
        return afterMatch(tenant, card, member.get(), Identified.Channel.CARD, now);
    }

    /**
     * "Card not received": identification without the card, with the identifier and the postcode of the household's
     * address (and, where residents prove themselves with their birth date, their last name as well).
     */
    @Transactional
    public Outcome withoutCard(TenantContext tenant, Programme programme, Proof proof, String postcode,
                               String lastName, String address) {
        TenantId tenantId = tenant.id();
        String subject = subjectHash(proof, lastName);
        if (!throttle.tryAttempt(address, "id:" + tenantId.value() + ":" + subject)) {
            audit.record(Actor.ANONYMOUS, tenantId, "enrolment.throttled", null, null, Map.of("channel", "NOT_RECEIVED"));
            return new Outcome.TooManyAttempts();
        }
        Instant now = clock.instant();
        Instant lockedUntil = jdbc.sql("select locked_until from savings_enrolment_guard where tenant_id = ? and subject_hash = ?")
                .params(tenantId.value(), subject).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            audit.record(Actor.ANONYMOUS, tenantId, "enrolment.mismatch", null, null,
                    Map.of("channel", "NOT_RECEIVED", "reason", "locked"));
            return new Outcome.TooManyAttempts();
        }
        String typedPostcode = postcode == null ? "" : postcode.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        List<UUID[]> matches = switch (proof) {
            case Proof.Nrn nrn -> jdbc.sql("""
                            select m.id, h.id from savings_household_member m
                            join savings_household h on h.tenant_id = m.tenant_id and h.id = m.household_id
                            where m.tenant_id = ? and m.programme_id = ? and m.nrn_hash = ? and h.register = 'POPULATION'
                              and upper(replace(h.postcode, ' ', '')) = ?""")
                    .params(tenantId.value(), programme.id(), identifiers.hash(nrn.number()), typedPostcode)
                    .query((rs, n) -> new UUID[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
            case Proof.TaxNumber tax -> jdbc.sql("""
                            select (select m.id from savings_household_member m where m.tenant_id = h.tenant_id
                                      and m.household_id = h.id order by m.created_at, m.id limit 1), h.id
                            from savings_household h
                            where h.tenant_id = ? and h.programme_id = ? and h.register = 'SECOND_HOME'
                              and h.tax_number_hash = ? and upper(replace(h.postcode, ' ', '')) = ?""")
                    .params(tenantId.value(), programme.id(), identifiers.taxNumberHash(tax.typed()), typedPostcode)
                    .query((rs, n) -> new UUID[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
            case Proof.BirthDate birth -> jdbc.sql("""
                            select m.id, h.id from savings_household_member m
                            join savings_household h on h.tenant_id = m.tenant_id and h.id = m.household_id
                            where m.tenant_id = ? and m.programme_id = ? and m.birth_date = ? and h.register = 'POPULATION'
                              and lower(m.last_name) = lower(?) and upper(replace(h.postcode, ' ', '')) = ?""")
                    .params(tenantId.value(), programme.id(), birth.date(), lastName == null ? "" : lastName.trim(),
                            typedPostcode)
                    .query((rs, n) -> new UUID[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
        };
        // Two people with the same birth date and name in one postcode cannot be told apart: no match, not a guess.
        Optional<CardRow> card = matches.size() != 1 || matches.getFirst()[0] == null ? Optional.empty()
                : jdbc.sql(CARD_ROW + "where c.tenant_id = ? and c.household_id = ?")
                        .params(tenantId.value(), matches.getFirst()[1]).query(Identification::cardRow).optional();
        if (card.isEmpty()) {
            recordIdentifierMismatch(tenantId, subject, now);
            return new Outcome.Mismatch();
        }
        jdbc.sql("delete from savings_enrolment_guard where tenant_id = ? and subject_hash = ?")
                .params(tenantId.value(), subject).update();
        return afterMatch(tenant, card.get(), matches.getFirst()[0], Identified.Channel.NOT_RECEIVED, now);
    }

    /** The number of a card whose id came from a verified QR code. */
    public Optional<CardNumber> numberOf(TenantId tenant, UUID cardId) {
        return jdbc.sql("select number from savings_card where tenant_id = ? and id = ?")
                .params(tenant.value(), cardId).query(String.class).optional().map(CardNumber::new);
    }

    /** The household member the proof designates, if it is right for this household. */
    private Optional<UUID> memberOf(TenantId tenant, UUID household, String register, String taxNumberHash, Proof proof) {
        return switch (proof) {
            case Proof.Nrn nrn -> "POPULATION".equals(register)
                    ? jdbc.sql("select id from savings_household_member where tenant_id = ? and household_id = ? and nrn_hash = ?")
                    .params(tenant.value(), household, identifiers.hash(nrn.number())).query(UUID.class).optional()
                    : taxMember(tenant, household, taxNumberHash, nrn.number().value());
            case Proof.TaxNumber tax -> "SECOND_HOME".equals(register)
                    ? taxMember(tenant, household, taxNumberHash, tax.typed())
                    : jdbc.sql("select id from savings_household_member where tenant_id = ? and household_id = ? and false")
                    .params(tenant.value(), household).query(UUID.class).optional();
            case Proof.BirthDate birth -> "POPULATION".equals(register)
                    ? jdbc.sql("""
                            select m.id from savings_household_member m
                            where m.tenant_id = ? and m.household_id = ? and m.birth_date = ?
                            -- Twins share a birth date: the one not enrolled yet comes first, so both can enrol.
                            order by exists (select 1 from savings_enrolment e where e.tenant_id = m.tenant_id
                                             and e.member_id = m.id and e.status = 'ACTIVE'), m.created_at, m.id
                            limit 1""")
                    .params(tenant.value(), household, birth.date()).query(UUID.class).optional()
                    : Optional.empty();
        };
    }

    /** A second home's owner: the tax assessment number must be the household's. */
    private Optional<UUID> taxMember(TenantId tenant, UUID household, String taxNumberHash, String typed) {
        boolean same = taxNumberHash != null && java.security.MessageDigest.isEqual(
                taxNumberHash.getBytes(), identifiers.taxNumberHash(typed).getBytes());
        return jdbc.sql("""
                        select id from savings_household_member where tenant_id = ? and household_id = ? and ?
                        order by created_at, id limit 1""")
                .params(tenant.value(), household, same).query(UUID.class).optional();
    }

    private Outcome afterMatch(TenantContext tenant, CardRow card, UUID member, Identified.Channel channel, Instant now) {
        TenantId tenantId = tenant.id();
        if ("BLOCKED".equals(card.status())) {
            audit.record(Actor.ANONYMOUS, tenantId, "enrolment.refused", "card", card.cardId(), Map.of("reason", "blocked"));
            return new Outcome.Blocked();
        }
        if ("EXCLUDED".equals(card.householdStatus())) {
            audit.record(Actor.ANONYMOUS, tenantId, "enrolment.refused", "card", card.cardId(), Map.of("reason", "excluded"));
            return new Outcome.Excluded();
        }
        LocalDate today = LocalDate.ofInstant(now, tenant.zone());
        if (today.isBefore(card.opensOn()) || today.isAfter(card.closesOn())) {
            audit.record(Actor.ANONYMOUS, tenantId, "enrolment.refused", "card", card.cardId(), Map.of("reason", "closed"));
            return new Outcome.Closed(card.opensOn(), card.closesOn());
        }
        boolean active = jdbc.sql("""
                        select exists (select 1 from savings_enrolment where tenant_id = ? and card_id = ? and member_id = ?
                                       and status = 'ACTIVE')""")
                .params(tenantId.value(), card.cardId(), member).query(Boolean.class).single();
        if (active) {
            audit.record(Actor.ANONYMOUS, tenantId, "enrolment.refused", "card", card.cardId(), Map.of("reason", "already-active"));
            return new Outcome.AlreadyActivated();
        }
        audit.record(Actor.ANONYMOUS, tenantId, "enrolment.identified", "card", card.cardId(), Map.of("channel", channel));
        return new Outcome.Matched(new Identified(tenantId.value(), card.programmeId(), card.cardId(), member, channel, now));
    }

    /** Counts a mismatch on a card; the one that reaches the threshold locks it and starts the count again. */
    private void recordCardMismatch(TenantId tenant, UUID cardId, Instant now) {
        int threshold = properties.lockAfterMismatches();
        Instant lockUntil = now.plus(properties.lockDuration());
        boolean locked = jdbc.sql("""
                        update savings_card
                        set locked_until = case when failed_attempts + 1 >= ? then ? else locked_until end,
                            failed_attempts = case when failed_attempts + 1 >= ? then 0 else failed_attempts + 1 end
                        where tenant_id = ? and id = ?
                        returning failed_attempts = 0""")
                .params(threshold, Timestamp.from(lockUntil), threshold, tenant.value(), cardId)
                .query(Boolean.class).optional().orElse(false);
        audit.record(Actor.ANONYMOUS, tenant, "enrolment.mismatch", "card", cardId, Map.of("channel", "CARD", "reason", "no-match"));
        if (locked) {
            audit.record(Actor.ANONYMOUS, tenant, "enrolment.card-locked", "card", cardId,
                    Map.of("minutes", properties.lockDuration().toMinutes()));
        }
    }

    private void recordIdentifierMismatch(TenantId tenant, String subject, Instant now) {
        int threshold = properties.lockAfterMismatches();
        Instant lockUntil = now.plus(properties.lockDuration());
        boolean locked = jdbc.sql("""
                        insert into savings_enrolment_guard as g (tenant_id, subject_hash, failed_attempts, locked_until, updated_at)
                        values (?, ?, case when 1 >= ? then 0 else 1 end, case when 1 >= ? then ?::timestamptz end, ?)
                        on conflict (tenant_id, subject_hash) do update set
                            locked_until = case when g.failed_attempts + 1 >= ? then ? else g.locked_until end,
                            failed_attempts = case when g.failed_attempts + 1 >= ? then 0 else g.failed_attempts + 1 end,
                            updated_at = excluded.updated_at
                        returning failed_attempts = 0""")
                .params(tenant.value(), subject, threshold, threshold, Timestamp.from(lockUntil), Timestamp.from(now),
                        threshold, Timestamp.from(lockUntil), threshold)
                .query(Boolean.class).optional().orElse(false);
        audit.record(Actor.ANONYMOUS, tenant, "enrolment.mismatch", null, null, Map.of("channel", "NOT_RECEIVED", "reason", "no-match"));
        if (locked) {
            audit.record(Actor.ANONYMOUS, tenant, "enrolment.identifier-locked", null, null,
                    Map.of("minutes", properties.lockDuration().toMinutes()));
        }
    }

    /** A keyed hash of the identifier typed without a card: the key of its lock, never the identifier itself. */
    private String subjectHash(Proof proof, String lastName) {
        return switch (proof) {
            case Proof.Nrn nrn -> identifiers.hash(nrn.number());
            case Proof.TaxNumber tax -> identifiers.taxNumberHash(tax.typed());
            case Proof.BirthDate birth -> secrets.keyedHash("enrolment-birth:" + birth.date() + ":"
                    + (lastName == null ? "" : lastName.trim().toLowerCase(Locale.ROOT)));
        };
    }
}
