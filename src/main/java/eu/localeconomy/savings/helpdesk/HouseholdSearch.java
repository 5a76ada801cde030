package eu.localeconomy.savings.helpdesk;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads households, their adults, card and enrolments for the helpdesk. Every query is bound to the tenant; the
 * search uses the indexes of V14 (prefixes on lower-cased text), so it stays fast at 400,000 households.
 */
@Service
class HouseholdSearch {

    /** Beyond this, the screen says "more than" instead of counting every match. */
    static final int COUNT_LIMIT = 1000;
    /** Up to this many households matching a name are read by primary key; beyond, an index is walked. */
    static final int NAMED_BY_KEY = 5000;
    /** Counting a walked name stops earlier: each household counted costs a look at its adults. */
    static final int WALKED_COUNT_LIMIT = 200;

    private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json = JsonMapper.builder().build();

    HouseholdSearch(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Search criteria, already checked; null means "any". {@code cardStatus} NONE finds households without a card. */
    record Criteria(UUID programmeId, CardNumber card, String name, String street, String postcode, String cardStatus,
                    String householdStatus, UUID categoryId) {
    }

    record Result(UUID householdId, String displayName, String street, String houseNumber, String box, String postcode,
                  String municipality, String householdStatus, Map<String, String> categoryNames, String categoryCode,
                  UUID cardId, String cardNumber, String cardStatus, int enrolled) {

        public String categoryName(String language) {
            return HouseholdSearch.name(categoryNames, language, categoryCode);
        }

        public String formattedCardNumber() {
            return cardNumber == null ? null : new CardNumber(cardNumber).formatted();
        }
    }

    record Page(List<Result> results, int count, boolean countCapped) {
    }

    /** The search as SQL: the page of results and the (capped) count, with their parameters. */
    record Query(String page, String count, Map<String, Object> params) {
    }

    /**
     * A name, and a card status, are looked up first on their own indexes (name on the card, adults' names; cards by
     * status). Up to {@value #NAMED_BY_KEY} households, the page is read by primary key; beyond, an ordered index is
     * walked and each household checked, which finds a page quickly because so many match.
     */
    Page search(TenantId tenant, Criteria criteria, int offset, int limit) {
        List<UUID> keyed = null;
        if (criteria.cardStatus() != null && !"NONE".equals(criteria.cardStatus())) {
            List<UUID> withStatus = jdbc.sql("""
                            select household_id from savings_card
                            where tenant_id = :tenant and programme_id = :programme and status = :status limit :limit""")
                    .param("tenant", tenant.value()).param("programme", criteria.programmeId())
                    .param("status", criteria.cardStatus()).param("limit", NAMED_BY_KEY + 1)
                    .query(UUID.class).list();
            if (withStatus.isEmpty()) {
                return new Page(List.of(), 0, false);
            }
            keyed = withStatus.size() <= NAMED_BY_KEY ? withStatus : null;
        }
        List<UUID> named = null;
        if (criteria.name() != null) {
            named = jdbc.sql("""
                            select n.id from savings_household n
                            where n.tenant_id = :tenant and n.programme_id = :programme and lower(n.display_name) like :name
                            union
                            select m.household_id from savings_household_member m
                            where m.tenant_id = :tenant and m.programme_id = :programme
                              and (lower(m.last_name) like :name or lower(m.first_name || ' ' || m.last_name) like :name)
                            limit :limit""")
                    .param("tenant", tenant.value()).param("programme", criteria.programmeId())
                    .param("name", prefix(criteria.name())).param("limit", NAMED_BY_KEY + 1)
                    .query(UUID.class).list();
            if (named.isEmpty()) {
                return new Page(List.of(), 0, false);
            }
        }
        if (named != null && named.size() <= NAMED_BY_KEY) {
            if (keyed == null) {
                keyed = named;
            } else {
                var both = new java.util.HashSet<>(named);
                keyed = keyed.stream().filter(both::contains).toList();
                if (keyed.isEmpty()) {
                    return new Page(List.of(), 0, false);
                }
            }
        }
        boolean nameByKey = named != null && named.size() <= NAMED_BY_KEY;
        Query query = query(tenant, criteria, keyed, nameByKey, offset, limit);
        List<Result> results = jdbc.sql(query.page()).params(query.params()).query(this::result).list();
        boolean onlyName = criteria.card() == null && criteria.street() == null && criteria.postcode() == null
                && criteria.cardStatus() == null && criteria.householdStatus() == null && criteria.categoryId() == null;
        if (named != null && named.size() > COUNT_LIMIT && onlyName) {
            return new Page(results, COUNT_LIMIT, true);
        }
        int cap = named != null && !nameByKey ? WALKED_COUNT_LIMIT : COUNT_LIMIT;
        query.params().put("countLimit", cap + 1);
        int count = jdbc.sql(query.count()).params(query.params()).query(Integer.class).single();
        return new Page(results, Math.min(count, cap), count > cap);
    }

    /**
     * @param keyed     households known to match the name and/or card status, few enough to read by primary key;
     *                  null when there is no such list
     * @param nameByKey whether {@code keyed} already accounts for the name (else the name is checked while walking)
     */
    Query query(TenantId tenant, Criteria criteria, List<UUID> keyed, boolean nameByKey, int offset, int limit) {
        var where = new StringBuilder(" where h.tenant_id = :tenant and h.programme_id = :programme");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenant.value());
        params.put("programme", criteria.programmeId());
        if (criteria.card() != null) {
            where.append(" and c.number = :card");
            params.put("card", criteria.card().value());
        }
        if (keyed != null) {
            where.append(" and h.id in (:keyed)");
            params.put("keyed", keyed);
        }
        boolean address = criteria.street() != null || criteria.postcode() != null;
        if (criteria.name() != null && !nameByKey && address) {
            // Walking an address index: each household's adults are checked as it comes. A scalar sub-query with a
            // limit stays per household (PostgreSQL would turn an EXISTS into a hash of every matching adult).
            where.append(" ").append("""
                    and (lower(h.display_name) like :name
                         or coalesce((select true from savings_household_member m
                                      where m.household_id = h.id and m.tenant_id = h.tenant_id
                                        and (lower(m.last_name) like :name or lower(m.first_name || ' ' || m.last_name) like :name)
                                      limit 1), false))""");
            params.put("name", prefix(criteria.name()));
        } else if (criteria.name() != null && !nameByKey) {
            // Under an OR the sub-query stays a hashed look-up and the walk keeps the name order.
            where.append(" ").append("""
                    and (lower(h.display_name) like :name
                         or h.id in (select m.household_id from savings_household_member m
                                     where m.tenant_id = :tenant and m.programme_id = :programme
                                       and (lower(m.last_name) like :name or lower(m.first_name || ' ' || m.last_name) like :name)))""");
            params.put("name", prefix(criteria.name()));
        }
        if (criteria.street() != null) {
            where.append(" and lower(h.street) like :street");
            params.put("street", prefix(criteria.street()));
        }
        if (criteria.postcode() != null) {
            where.append(" and h.postcode = :postcode");
            params.put("postcode", criteria.postcode());
        }
        if ("NONE".equals(criteria.cardStatus())) {
            where.append(" and c.id is null");
        } else if (criteria.cardStatus() != null) {
            where.append(" and c.status = :cardStatus");
            params.put("cardStatus", criteria.cardStatus());
        }
        if (criteria.householdStatus() != null) {
            where.append(" and h.status = :householdStatus");
            params.put("householdStatus", criteria.householdStatus());
        }
        if (criteria.categoryId() != null) {
            where.append(" and h.category_id = :category");
            params.put("category", criteria.categoryId());
        }
        // An address search lists by address, along the index that finds it; anything else by name.
        String order = criteria.card() != null ? "h.display_name, h.id"
                : criteria.street() != null ? "lower(h.street) using ~<~, h.house_number, h.id"
                : criteria.postcode() != null ? "h.postcode, h.street, h.house_number, h.id"
                : "h.display_name, h.id";
        String from = """
                 from savings_household h
                 join savings_category cat on cat.tenant_id = h.tenant_id and cat.id = h.category_id
                 left join savings_card c on c.tenant_id = h.tenant_id and c.household_id = h.id""";
        params.put("limit", limit);
        params.put("offset", offset);
        params.put("countLimit", COUNT_LIMIT + 1);
        String page = """
                select h.id, h.display_name, h.street, h.house_number, h.box, h.postcode, h.municipality, h.status,
                       cat.code, cat.names, c.id as card_id, c.number, c.status as card_status,
                       (select count(*) from savings_enrolment e
                        where e.tenant_id = h.tenant_id and e.card_id = c.id and e.status = 'ACTIVE') as enrolled
                """ + from + where + "\n order by " + order + " limit :limit offset :offset";
        String count = "select count(*) from (select 1 " + from + where + "\n limit :countLimit) matches";
        return new Query(page, count, params);
    }

    /** A category's name in a language, falling back like {@code Category.name}. */
    static String name(Map<String, String> names, String language, String code) {
        for (String candidate : new String[]{language, "en", "nl", "fr"}) {
            String name = names.get(candidate);
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return code;
    }

    /** A LIKE prefix of typed text: lower-cased, its wildcards taken literally. */
    static String prefix(String typed) {
        return typed.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private Result result(ResultSet rs, int row) throws SQLException {
        return new Result(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("street"),
                rs.getString("house_number"), rs.getString("box"), rs.getString("postcode"), rs.getString("municipality"),
                rs.getString("status"), json.readValue(rs.getString("names"), NAMES), rs.getString("code"),
                rs.getObject("card_id", UUID.class), rs.getString("number"), rs.getString("card_status"),
                rs.getInt("enrolled"));
    }

    // ---- detail ----

    record Household(UUID id, UUID programmeId, String programmeSeason, String programmeName, String register,
                     String displayName, String street, String houseNumber, String box, String postcode,
                     String municipality, String postalName, String postalLine1, String postalLine2,
                     String postalPostcode, String postalCity, String postalCountry, String taxNumberLast2,
                     String status, LocalDate referenceDate, String categoryCode, Map<String, String> categoryNames,
                     Rate rate, long capCents) {

        public String categoryName(String language) {
            return HouseholdSearch.name(categoryNames, language, categoryCode);
        }

        public java.math.BigDecimal cap() {
            return java.math.BigDecimal.valueOf(capCents, 2);
        }

        public boolean hasPostalAddress() {
            return postalLine1 != null || postalPostcode != null || postalCity != null;
        }
    }

    record Member(UUID id, String firstName, String lastName, Integer birthYear, String nrnLast2) {

        /** The national register number as the helpdesk may see it: only its last two digits. */
        public String maskedNrn() {
            return nrnLast2 == null ? null : eu.localeconomy.identifier.NationalRegisterNumber.masked(nrnLast2);
        }
    }

    record Card(UUID id, String number, String status, int printedCount, Instant lastPrintedAt, Instant digitalSentAt,
                Instant activatedAt, Instant blockedAt, String blockedReason, int failedAttempts, Instant lockedUntil) {

        public String formattedNumber() {
            return new CardNumber(number).formatted();
        }

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    record Enrolment(UUID id, String email, String status, int privacyNoticeVersion, Instant consentedAt,
                     Instant createdAt, String channel, String memberName) {
    }

    record Detail(Household household, List<Member> members, Optional<Card> card, List<Enrolment> enrolments) {
    }

    Optional<Detail> detail(TenantId tenant, UUID householdId) {
        Optional<Household> household = jdbc.sql("""
                        select h.*, p.season, p.name as programme_name, cat.code, cat.names, cat.rate_numerator,
                               cat.rate_denominator, cat.cap_cents
                        from savings_household h
                        join savings_programme p on p.tenant_id = h.tenant_id and p.id = h.programme_id
                        join savings_category cat on cat.tenant_id = h.tenant_id and cat.id = h.category_id
                        where h.tenant_id = ? and h.id = ?""")
                .params(tenant.value(), householdId).query(this::household).optional();
        if (household.isEmpty()) {
            return Optional.empty();
        }
        List<Member> members = jdbc.sql("""
                        select id, first_name, last_name, birth_date, nrn_last2 from savings_household_member
                        where tenant_id = ? and household_id = ? order by last_name, first_name, id""")
                .params(tenant.value(), householdId)
                .query((rs, n) -> {
                    LocalDate birth = rs.getObject("birth_date", LocalDate.class);
                    return new Member(rs.getObject("id", UUID.class), rs.getString("first_name"), rs.getString("last_name"),
                            birth == null ? null : birth.getYear(), rs.getString("nrn_last2"));
                }).list();
        Optional<Card> card = jdbc.sql("select * from savings_card where tenant_id = ? and household_id = ?")
                .params(tenant.value(), householdId)
                .query((rs, n) -> new Card(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("status"),
                        rs.getInt("printed_count"), instant(rs, "last_printed_at"), instant(rs, "digital_sent_at"),
                        instant(rs, "activated_at"), instant(rs, "blocked_at"), rs.getString("blocked_reason"),
                        rs.getInt("failed_attempts"), instant(rs, "locked_until")))
                .optional();
        List<Enrolment> enrolments = card.isEmpty() ? List.of() : jdbc.sql("""
                        select e.id, e.email, e.status, e.privacy_notice_version, e.consented_at, e.created_at, e.channel,
                               trim(coalesce(m.first_name, '') || ' ' || m.last_name) as member_name
                        from savings_enrolment e
                        join savings_household_member m on m.tenant_id = e.tenant_id and m.id = e.member_id
                        where e.tenant_id = ? and e.card_id = ? order by e.created_at, e.id""")
                .params(tenant.value(), card.get().id())
                .query((rs, n) -> new Enrolment(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("status"), rs.getInt("privacy_notice_version"), instant(rs, "consented_at"),
                        instant(rs, "created_at"), rs.getString("channel"), rs.getString("member_name")))
                .list();
        return Optional.of(new Detail(household.get(), members, card, new ArrayList<>(enrolments)));
    }

    /** Clears the guessing lock of a household's card. The card id, or empty when the household has no card. */
    @Transactional
    Optional<UUID> unlockCard(TenantId tenant, UUID householdId) {
        Optional<UUID> card = jdbc.sql("""
                        update savings_card set failed_attempts = 0, locked_until = null
                        where tenant_id = ? and household_id = ? returning id""")
                .params(tenant.value(), householdId).query(UUID.class).optional();
        card.ifPresent(id -> audit.record(tenant, "card.unlocked", "savings_card", id, Map.of("household", householdId)));
        return card;
    }

    private Household household(ResultSet rs, int row) throws SQLException {
        return new Household(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                rs.getString("season"), rs.getString("programme_name"), rs.getString("register"),
                rs.getString("display_name"), rs.getString("street"), rs.getString("house_number"), rs.getString("box"),
                rs.getString("postcode"), rs.getString("municipality"), rs.getString("postal_name"),
                rs.getString("postal_line1"), rs.getString("postal_line2"), rs.getString("postal_postcode"),
                rs.getString("postal_city"), rs.getString("postal_country"), rs.getString("tax_number_last2"),
                rs.getString("status"), rs.getObject("reference_date", LocalDate.class), rs.getString("code"),
                json.readValue(rs.getString("names"), NAMES),
                new Rate(rs.getInt("rate_numerator"), rs.getInt("rate_denominator")), rs.getLong("cap_cents"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
