package eu.localeconomy.savings.portal;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.AccountProfile;
import eu.localeconomy.account.Accounts;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.audit.AuditQuery;
import eu.localeconomy.savings.portal.CardBalances.CardBalance;
import eu.localeconomy.savings.portal.PortalRepository.EnrolmentRow;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Phase;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The citizen's own card as the portal shows it, consent withdrawal, and the export of their personal data. */
@Service
class CitizenPortal {

    /** An active enrolment's card with its programme rules and what it holds today. */
    record CardView(EnrolmentRow enrolment, Programme programme, Category category, Phase phase, Money cap,
                    CardBalance balance, Money remaining, List<String> otherAdults) {

        public boolean converted() {
            return balance.voucher().isPresent();
        }
    }

    record Overview(List<CardView> cards, List<EnrolmentRow> inactive) {

        public boolean hasCard() {
            return !cards.isEmpty();
        }
    }

    private static final int AUDIT_LIMIT = 500;

    private final PortalRepository portal;
    private final Programmes programmes;
    private final CardBalances balances;
    private final Accounts accounts;
    private final ErasureRequests erasure;
    private final AuditLog audit;
    private final AuditQuery auditQuery;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    CitizenPortal(PortalRepository portal, Programmes programmes, CardBalances balances, Accounts accounts,
                  ErasureRequests erasure, AuditLog audit, AuditQuery auditQuery, Clock clock) {
        this.portal = portal;
        this.programmes = programmes;
        this.balances = balances;
        this.accounts = accounts;
        this.erasure = erasure;
        this.audit = audit;
        this.auditQuery = auditQuery;
        this.clock = clock;
    }

    Overview overview(TenantContext tenant, UserId user) {
        LocalDate today = tenant.today(clock);
        List<CardView> cards = new ArrayList<>();
        List<EnrolmentRow> inactive = new ArrayList<>();
        for (EnrolmentRow e : portal.enrolmentsOf(tenant.id(), user)) {
            if (!e.active()) {
                inactive.add(e);
                continue;
            }
            Programme programme = programmes.find(tenant.id(), e.programmeId()).orElseThrow();
            Category category = programmes.category(tenant.id(), e.categoryId()).orElseThrow();
            CardBalance balance = balances.of(tenant.id(), e.cardId()).orElseThrow();
            Money cap = new Money(category.capCents(), balance.credit().currency());
            Money remaining = new Money(Math.max(0, cap.cents() - balance.credit().cents()), cap.currency());
            cards.add(new CardView(e, programme, category, programme.phaseOn(today), cap, balance, remaining,
                    portal.otherEnrolledFirstNames(tenant.id(), e.cardId(), user)));
        }
        return new Overview(cards, inactive);
    }

    /**
     * Withdraws the person's consent on every card: enrolments WITHDRAWN, cards nobody else is enrolled on back to
     * ISSUED (so another adult can still enrol; other enrolled adults keep using an active card), the account
     * disabled and every session of it ended. Optionally records an erasure request in the same step.
     */
    @Transactional
    void withdrawConsent(TenantContext tenant, AccountPrincipal me, boolean requestErasure, String reason) {
        Instant now = clock.instant();
        List<UUID> cards = portal.withdraw(tenant.id(), me.userId(), now);
        List<UUID> released = portal.releaseCardsWithoutEnrolment(tenant.id(), cards);
        audit.record(me, tenant.id(), "enrolment.consent-withdrawn", "user", me.userId(),
                Map.of("enrolments", cards.size(), "cardsReleased", released.stream().map(UUID::toString).toList()));
        if (requestErasure) {
            erasure.request(tenant.id(), me.userId(), reason, me);
        }
        accounts.disable(tenant.id(), me.userId(), "consent-withdrawn", me);
    }

    /** Everything the platform holds about the person, as a JSON-ready tree. The export itself is audited. */
    @Transactional
    Map<String, Object> export(TenantContext tenant, AccountPrincipal me) {
        TenantId tenantId = tenant.id();
        AccountProfile account = accounts.profile(tenantId, me.userId()).orElseThrow();
        List<EnrolmentRow> enrolments = portal.enrolmentsOf(tenantId, me.userId());
        var data = new LinkedHashMap<String, Object>();
        data.put("exportedAt", clock.instant().toString());
        data.put("organisation", tenant.name());
        var accountData = new LinkedHashMap<String, Object>();
        accountData.put("email", account.email());
        accountData.put("name", account.displayName());
        accountData.put("language", account.language() == null ? null : account.language().code());
        accountData.put("createdAt", text(account.createdAt()));
        accountData.put("lastLoginAt", text(account.lastLoginAt()));
        accountData.put("passwordSet", account.hasPassword());
        accountData.put("enabled", account.enabled());
        data.put("account", accountData);

        List<Object> enrolmentData = new ArrayList<>();
        for (EnrolmentRow e : enrolments) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("status", e.status());
            entry.put("email", e.email());
            entry.put("language", e.language());
            entry.put("channel", e.channel());
            entry.put("privacyNoticeVersion", e.privacyNoticeVersion());
            entry.put("consentedAt", text(e.consentedAt()));
            entry.put("consentWithdrawnAt", text(e.consentWithdrawnAt()));
            entry.put("emailVerifiedAt", text(e.emailVerifiedAt()));
            entry.put("enrolledAt", text(e.createdAt()));
            Optional<Programme> programme = programmes.find(tenantId, e.programmeId());
            entry.put("programme", programme.map(p -> Map.of("season", p.season(), "name", p.name())).orElse(null));
            var card = new LinkedHashMap<String, Object>();
            card.put("number", e.cardNumber().formatted());
            card.put("status", e.cardStatus());
            card.put("activatedAt", text(e.cardActivatedAt()));
            entry.put("card", card);
            var household = new LinkedHashMap<String, Object>();
            household.put("category", programmes.category(tenantId, e.categoryId())
                    .map(c -> c.name(me.language() == null ? Language.EN : me.language())).orElse(null));
            household.put("register", e.register());
            household.put("street", e.street());
            household.put("houseNumber", e.houseNumber());
            household.put("box", e.box());
            household.put("postcode", e.postcode());
            household.put("municipality", e.municipality());
            if (e.postalLine1() != null) {
                var postal = new LinkedHashMap<String, Object>();
                postal.put("name", e.postalName());
                postal.put("line1", e.postalLine1());
                postal.put("line2", e.postalLine2());
                postal.put("postcode", e.postalPostcode());
                postal.put("city", e.postalCity());
                postal.put("country", e.postalCountry());
                household.put("postalAddress", postal);
            }
            entry.put("household", household);
            var member = new LinkedHashMap<String, Object>();
            member.put("firstName", e.firstName());
            member.put("lastName", e.lastName());
            member.put("birthDate", e.birthDate() == null ? null : e.birthDate().toString());
            // The full number is never stored: only its keyed hash (not personal data one can read) and these digits.
            member.put("nationalRegisterNumberLastTwoDigits", e.nrnLast2());
            entry.put("householdMember", member);
            enrolmentData.add(entry);
        }
        data.put("enrolments", enrolmentData);
        data.put("erasureRequests", erasure.of(tenantId, me.userId()).stream().map(r -> {
            var request = new LinkedHashMap<String, Object>();
            request.put("requestedAt", text(r.requestedAt()));
            request.put("reason", r.reason());
            request.put("status", r.status().name());
            request.put("handledAt", text(r.handledAt()));
            request.put("note", r.note());
            return request;
        }).toList());
        data.put("auditEvents", auditEvents(tenantId, me.userId(), enrolments));
        audit.record(me, tenantId, "personal-data.exported", "user", me.userId(), Map.of());
        return data;
    }

    /**
     * Audit events about the person: what they did, and what was done to their account, enrolments, member record,
     * card and household. For events by someone else only the kind of actor is given, not who it was.
     */
    private List<Object> auditEvents(TenantId tenant, UserId user, List<EnrolmentRow> enrolments) {
        var events = new TreeMap<Long, AuditQuery.Event>(Comparator.reverseOrder());
        auditQuery.search(tenant, new AuditQuery.Criteria(null, user.value(), null, null, null), 0, AUDIT_LIMIT)
                .forEach(e -> events.put(e.id(), e));
        var targets = new java.util.LinkedHashSet<String>();
        targets.add(user.toString());
        for (EnrolmentRow e : enrolments) {
            targets.add(e.enrolmentId().toString());
            targets.add(e.memberId().toString());
            targets.add(e.cardId().toString());
            targets.add(e.householdId().toString());
        }
        for (String target : targets) {
            auditQuery.search(tenant, new AuditQuery.Criteria(null, null, target, null, null), 0, AUDIT_LIMIT)
                    .forEach(e -> events.put(e.id(), e));
        }
        return events.values().stream().map(e -> {
            boolean own = Objects.equals(e.actorId(), user.value());
            var event = new LinkedHashMap<String, Object>();
            event.put("occurredAt", e.occurredAt().toString());
            event.put("action", e.action());
            event.put("targetType", e.targetType());
            event.put("targetId", e.targetId());
            event.put("actor", own ? "YOU" : switch (e.actorKind()) {
                case "USER" -> "STAFF_OR_OTHER_PERSON";
                case "API_TOKEN" -> "API_CLIENT";
                default -> e.actorKind();
            });
            if (own) {
                event.put("ipAddress", e.ipAddress());
                event.put("details", e.details() == null ? null : json.readTree(e.details()));
            }
            return (Object) event;
        }).toList();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
