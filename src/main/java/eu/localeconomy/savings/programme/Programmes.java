package eu.localeconomy.savings.programme;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads programmes and their categories. Every query takes the tenant explicitly. */
@Service
public class Programmes {

    private static final TypeReference<Map<String, Map<String, String>>> TEXTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final JsonMapper json = JsonMapper.builder().build();

    Programmes(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    public Optional<Programme> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from savings_programme where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(this::programme).optional();
    }

    public List<Programme> all(TenantId tenant) {
        return jdbc.sql("select * from savings_programme where tenant_id = ? order by enrolment_opens_on desc")
                .param(tenant.value()).query(this::programme).list();
    }

    /**
     * The programme a citizen or a cashier deals with today: the most recent one that has opened and not ended,
     * else the next one to open, else the last one that ended.
     */
    public Optional<Programme> current(TenantId tenant, LocalDate today) {
        List<Programme> all = all(tenant);
        return all.stream().filter(p -> !today.isBefore(p.enrolmentOpensOn()) && !today.isAfter(p.spendUntil())).findFirst()
                .or(() -> all.stream().filter(p -> today.isBefore(p.enrolmentOpensOn()))
                        .reduce((later, earlier) -> earlier))
                .or(() -> all.stream().findFirst());
    }

    public List<Category> categories(TenantId tenant, UUID programmeId) {
        return jdbc.sql("select * from savings_category where tenant_id = ? and programme_id = ? order by position, code")
                .params(tenant.value(), programmeId).query(this::category).list();
    }

    public Optional<Category> category(TenantId tenant, UUID categoryId) {
        return jdbc.sql("select * from savings_category where tenant_id = ? and id = ?")
                .params(tenant.value(), categoryId).query(this::category).optional();
    }

    /** A programme as set up, with its categories; the set-up screen validates it before it gets here. */
    public record Draft(String season, String name, Map<String, Map<String, String>> texts, Rounding rounding,
                        ResidentIdentifier residentIdentifier, LocalDate enrolmentOpensOn, LocalDate enrolmentClosesOn,
                        LocalDate earnFrom, LocalDate earnUntil, LocalDate conversionOn, LocalDate spendFrom,
                        LocalDate spendUntil, List<CategoryDraft> categories, Programme.Limits limits) {

        public Draft {
            limits = limits == null ? Programme.Limits.DEFAULT : limits;
        }

        /** A draft with the default limits (none, reversal within 15 minutes). */
        public Draft(String season, String name, Map<String, Map<String, String>> texts, Rounding rounding,
                     ResidentIdentifier residentIdentifier, LocalDate enrolmentOpensOn, LocalDate enrolmentClosesOn,
                     LocalDate earnFrom, LocalDate earnUntil, LocalDate conversionOn, LocalDate spendFrom,
                     LocalDate spendUntil, List<CategoryDraft> categories) {
            this(season, name, texts, rounding, residentIdentifier, enrolmentOpensOn, enrolmentClosesOn, earnFrom,
                    earnUntil, conversionOn, spendFrom, spendUntil, categories, Programme.Limits.DEFAULT);
        }
    }

    /** A category as set up; {@code id} is null for a new one, else the category it updates. */
    public record CategoryDraft(UUID id, String code, Map<String, String> names, Register register, Rate rate,
                                long capCents) {

        public CategoryDraft(String code, Map<String, String> names, Register register, Rate rate, long capCents) {
            this(null, code, names, register, rate, capCents);
        }
    }

    /** Creates a programme and its categories in one transaction. */
    @Transactional
    public Programme create(TenantId tenant, Draft draft) {
        UUID id = UUID.randomUUID();
        var now = clock.instant();
        jdbc.sql("""
                        insert into savings_programme (id, tenant_id, season, name, texts, rounding, resident_identifier,
                            enrolment_opens_on, enrolment_closes_on, earn_from, earn_until, conversion_on, spend_from,
                            spend_until, max_purchase_cents, max_daily_purchase_cents, reversal_window_minutes,
                            created_at, updated_at)
                        values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), draft.season(), draft.name(), json.writeValueAsString(draft.texts()),
                        draft.rounding().name(), draft.residentIdentifier().name(), draft.enrolmentOpensOn(),
                        draft.enrolmentClosesOn(), draft.earnFrom(), draft.earnUntil(), draft.conversionOn(),
                        draft.spendFrom(), draft.spendUntil(), draft.limits().maxPurchaseCents(),
                        draft.limits().maxDailyPurchaseCents(), draft.limits().reversalWindowMinutes(),
                        java.sql.Timestamp.from(now), java.sql.Timestamp.from(now))
                .update();
        int position = 0;
        for (CategoryDraft category : draft.categories()) {
            insertCategory(tenant, id, category, position++);
        }
        audit.record(tenant, "programme.created", "savings_programme", id, Map.of("season", draft.season()));
        return find(tenant, id).orElseThrow();
    }

    /** Whether another programme of the tenant already has this season. */
    public boolean seasonTaken(TenantId tenant, String season, UUID except) {
        return jdbc.sql("select exists (select 1 from savings_programme where tenant_id = ? and season = ? and id <> ?)")
                .params(tenant.value(), season, except == null ? new UUID(0, 0) : except).query(Boolean.class).single();
    }

    /** The categories of a programme that households already belong to: they cannot be removed. */
    public Set<UUID> categoriesInUse(TenantId tenant, UUID programmeId) {
        return new HashSet<>(jdbc.sql("""
                        select c.id from savings_category c
                        where c.tenant_id = ? and c.programme_id = ?
                          and exists (select 1 from savings_household h where h.tenant_id = c.tenant_id and h.category_id = c.id)""")
                .params(tenant.value(), programmeId).query(UUID.class).list());
    }

    /**
     * Updates a programme and its categories: categories with an id are updated, those without are added, and
     * those missing from the draft are removed (refused when households use them). Dates may move even while the
     * programme runs: councils postpone phases. Audited with the names of the fields that changed.
     *
     * @return the changed field names (empty when nothing changed)
     * @throws CategoryInUseException when the draft drops a category households belong to
     */
    @Transactional
    public List<String> update(TenantId tenant, UUID id, Draft draft) {
        // No key update: the ledger's inserts, which take a key-share lock on the programme, go on meanwhile.
        Programme before = jdbc.sql("select * from savings_programme where tenant_id = ? and id = ? for no key update")
                .params(tenant.value(), id).query(this::programme).optional()
                .orElseThrow(() -> new IllegalArgumentException("no such programme"));
        List<String> changed = new ArrayList<>();
        compare(changed, "season", before.season(), draft.season());
        compare(changed, "name", before.name(), draft.name());
        compare(changed, "texts", before.texts(), draft.texts());
        compare(changed, "rounding", before.rounding(), draft.rounding());
        compare(changed, "residentIdentifier", before.residentIdentifier(), draft.residentIdentifier());
        compare(changed, "enrolmentOpensOn", before.enrolmentOpensOn(), draft.enrolmentOpensOn());
        compare(changed, "enrolmentClosesOn", before.enrolmentClosesOn(), draft.enrolmentClosesOn());
        compare(changed, "earnFrom", before.earnFrom(), draft.earnFrom());
        compare(changed, "earnUntil", before.earnUntil(), draft.earnUntil());
        compare(changed, "conversionOn", before.conversionOn(), draft.conversionOn());
        compare(changed, "spendFrom", before.spendFrom(), draft.spendFrom());
        compare(changed, "spendUntil", before.spendUntil(), draft.spendUntil());
        compare(changed, "maxPurchase", before.limits().maxPurchaseCents(), draft.limits().maxPurchaseCents());
        compare(changed, "maxDailyPurchase", before.limits().maxDailyPurchaseCents(), draft.limits().maxDailyPurchaseCents());
        compare(changed, "reversalWindowMinutes", before.limits().reversalWindowMinutes(), draft.limits().reversalWindowMinutes());

        Map<UUID, Category> existing = new LinkedHashMap<>();
        categories(tenant, id).forEach(c -> existing.put(c.id(), c));
        Set<UUID> kept = new HashSet<>();
        draft.categories().stream().map(CategoryDraft::id).filter(java.util.Objects::nonNull).forEach(kept::add);
        Set<UUID> inUse = categoriesInUse(tenant, id);
        for (Category old : existing.values()) {
            if (!kept.contains(old.id())) {
                if (inUse.contains(old.id())) {
                    throw new CategoryInUseException(old.code());
                }
                jdbc.sql("delete from savings_category where tenant_id = ? and id = ?").params(tenant.value(), old.id()).update();
                changed.add("categories." + old.code() + ".removed");
            }
        }
        int position = 0;
        for (CategoryDraft category : draft.categories()) {
            Category old = category.id() == null ? null : existing.get(category.id());
            if (old == null) {
                insertCategory(tenant, id, category, position++);
                changed.add("categories." + category.code() + ".added");
                continue;
            }
            String prefix = "categories." + old.code() + ".";
            compare(changed, prefix + "code", old.code(), category.code());
            compare(changed, prefix + "names", old.names(), category.names());
            compare(changed, prefix + "register", old.register(), category.register());
            compare(changed, prefix + "rate", old.rate(), category.rate());
            compare(changed, prefix + "cap", old.capCents(), category.capCents());
            if (old.capCents() != category.capCents()) {
                followCap(tenant, old, category.capCents());
            }
            compare(changed, prefix + "position", old.position(), position);
            jdbc.sql("""
                            update savings_category set code = ?, names = cast(? as jsonb), register = ?, rate_numerator = ?,
                                rate_denominator = ?, cap_cents = ?, position = ?
                            where tenant_id = ? and id = ?""")
                    .params(category.code(), json.writeValueAsString(category.names()), category.register().name(),
                            category.rate().numerator(), category.rate().denominator(), category.capCents(), position++,
                            tenant.value(), old.id())
                    .update();
        }
        if (changed.isEmpty()) {
            return changed;
        }
        jdbc.sql("""
                        update savings_programme set season = ?, name = ?, texts = cast(? as jsonb), rounding = ?,
                            resident_identifier = ?, enrolment_opens_on = ?, enrolment_closes_on = ?, earn_from = ?,
                            earn_until = ?, conversion_on = ?, spend_from = ?, spend_until = ?, max_purchase_cents = ?,
                            max_daily_purchase_cents = ?, reversal_window_minutes = ?, updated_at = ?
                        where tenant_id = ? and id = ?""")
                .params(draft.season(), draft.name(), json.writeValueAsString(draft.texts()), draft.rounding().name(),
                        draft.residentIdentifier().name(), draft.enrolmentOpensOn(), draft.enrolmentClosesOn(),
                        draft.earnFrom(), draft.earnUntil(), draft.conversionOn(), draft.spendFrom(), draft.spendUntil(),
                        draft.limits().maxPurchaseCents(), draft.limits().maxDailyPurchaseCents(),
                        draft.limits().reversalWindowMinutes(), java.sql.Timestamp.from(clock.instant()), tenant.value(), id)
                .update();
        audit.record(tenant, "programme.updated", "savings_programme", id, Map.of("changed", changed));
        return changed;
    }

    /**
     * Publishes a new version of the privacy notice: enrolments from now on record the new version number, so
     * what each citizen consented to stays provable.
     */
    @Transactional
    public Optional<Integer> publishPrivacyNotice(TenantId tenant, UUID id) {
        Optional<Integer> version = jdbc.sql("""
                        update savings_programme set privacy_notice_version = privacy_notice_version + 1, updated_at = ?
                        where tenant_id = ? and id = ? returning privacy_notice_version""")
                .params(java.sql.Timestamp.from(clock.instant()), tenant.value(), id).query(Integer.class).optional();
        version.ifPresent(v -> audit.record(tenant, "programme.privacyNoticePublished", "savings_programme", id,
                Map.of("version", v)));
        return version;
    }

    /**
     * Keeps the cards' balance projection on the category's new cap. The rows are locked first, so that no purchase
     * lifts a credit above the new cap between the check and the change.
     */
    private void followCap(TenantId tenant, Category category, long capCents) {
        long above = jdbc.sql("""
                        with locked as (
                            select b.credit_cents from savings_card_balance b
                            join savings_card c on c.tenant_id = b.tenant_id and c.id = b.card_id
                            join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                            where b.tenant_id = ? and h.category_id = ?
                            for update of b)
                        select count(*) from locked where credit_cents > ?""")
                .params(tenant.value(), category.id(), capCents).query(Long.class).single();
        if (above > 0) {
            throw new CapBelowCreditException(category.code(), above);
        }
        jdbc.sql("""
                        update savings_card_balance b set cap_cents = ?
                        from savings_card c join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                        where b.tenant_id = ? and c.tenant_id = b.tenant_id and c.id = b.card_id and h.category_id = ?""")
                .params(capCents, tenant.value(), category.id()).update();
    }

    /** A lower cap than the credit some cards already earned: those cards would hold more than their cap. */
    public static class CapBelowCreditException extends RuntimeException {
        private final String code;
        private final long cards;

        CapBelowCreditException(String code, long cards) {
            super("cap below the credit of " + cards + " cards: " + code);
            this.code = code;
            this.cards = cards;
        }

        public String code() {
            return code;
        }

        public long cards() {
            return cards;
        }
    }

    /** A removal that would leave households without their category. */
    public static class CategoryInUseException extends RuntimeException {
        private final String code;

        CategoryInUseException(String code) {
            super("category in use: " + code);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static void compare(List<String> changed, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    private void insertCategory(TenantId tenant, UUID programmeId, CategoryDraft category, int position) {
        jdbc.sql("""
                        insert into savings_category (id, tenant_id, programme_id, code, names, register, rate_numerator,
                            rate_denominator, cap_cents, position)
                        values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), tenant.value(), programmeId, category.code(), json.writeValueAsString(category.names()),
                        category.register().name(), category.rate().numerator(), category.rate().denominator(),
                        category.capCents(), position)
                .update();
    }

    private Programme programme(ResultSet rs, int row) throws SQLException {
        return new Programme(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("season"), rs.getString("name"), json.readValue(rs.getString("texts"), TEXTS),
                Rounding.valueOf(rs.getString("rounding")), ResidentIdentifier.valueOf(rs.getString("resident_identifier")),
                rs.getObject("enrolment_opens_on", LocalDate.class), rs.getObject("enrolment_closes_on", LocalDate.class),
                rs.getObject("earn_from", LocalDate.class), rs.getObject("earn_until", LocalDate.class),
                rs.getObject("conversion_on", LocalDate.class), rs.getObject("spend_from", LocalDate.class),
                rs.getObject("spend_until", LocalDate.class), rs.getInt("privacy_notice_version"),
                new Programme.Limits(rs.getObject("max_purchase_cents", Long.class),
                        rs.getObject("max_daily_purchase_cents", Long.class), rs.getInt("reversal_window_minutes")));
    }

    private Category category(ResultSet rs, int row) throws SQLException {
        return new Category(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                rs.getString("code"), json.readValue(rs.getString("names"), NAMES),
                Register.valueOf(rs.getString("register")),
                new Rate(rs.getInt("rate_numerator"), rs.getInt("rate_denominator")), rs.getLong("cap_cents"),
                rs.getInt("position"));
    }
}
