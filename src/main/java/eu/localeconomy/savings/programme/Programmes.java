package eu.localeconomy.savings.programme;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final JsonMapper json = JsonMapper.builder().build();

    Programmes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
                        LocalDate spendUntil, List<CategoryDraft> categories) {
    }

    public record CategoryDraft(String code, Map<String, String> names, Register register, Rate rate, long capCents) {
    }

    /** Creates a programme and its categories in one transaction. */
    @Transactional
    public Programme create(TenantId tenant, Draft draft) {
        UUID id = UUID.randomUUID();
        var now = clock.instant();
        jdbc.sql("""
                        insert into savings_programme (id, tenant_id, season, name, texts, rounding, resident_identifier,
                            enrolment_opens_on, enrolment_closes_on, earn_from, earn_until, conversion_on, spend_from,
                            spend_until, created_at, updated_at)
                        values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), draft.season(), draft.name(), json.writeValueAsString(draft.texts()),
                        draft.rounding().name(), draft.residentIdentifier().name(), draft.enrolmentOpensOn(),
                        draft.enrolmentClosesOn(), draft.earnFrom(), draft.earnUntil(), draft.conversionOn(),
                        draft.spendFrom(), draft.spendUntil(), java.sql.Timestamp.from(now), java.sql.Timestamp.from(now))
                .update();
        int position = 0;
        for (CategoryDraft category : draft.categories()) {
            jdbc.sql("""
                            insert into savings_category (id, tenant_id, programme_id, code, names, register, rate_numerator,
                                rate_denominator, cap_cents, position)
                            values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), tenant.value(), id, category.code(), json.writeValueAsString(category.names()),
                            category.register().name(), category.rate().numerator(), category.rate().denominator(),
                            category.capCents(), position++)
                    .update();
        }
        return find(tenant, id).orElseThrow();
    }

    private Programme programme(ResultSet rs, int row) throws SQLException {
        return new Programme(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("season"), rs.getString("name"), json.readValue(rs.getString("texts"), TEXTS),
                Rounding.valueOf(rs.getString("rounding")), ResidentIdentifier.valueOf(rs.getString("resident_identifier")),
                rs.getObject("enrolment_opens_on", LocalDate.class), rs.getObject("enrolment_closes_on", LocalDate.class),
                rs.getObject("earn_from", LocalDate.class), rs.getObject("earn_until", LocalDate.class),
                rs.getObject("conversion_on", LocalDate.class), rs.getObject("spend_from", LocalDate.class),
                rs.getObject("spend_until", LocalDate.class), rs.getInt("privacy_notice_version"));
    }

    private Category category(ResultSet rs, int row) throws SQLException {
        return new Category(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                rs.getString("code"), json.readValue(rs.getString("names"), NAMES),
                Register.valueOf(rs.getString("register")),
                new Rate(rs.getInt("rate_numerator"), rs.getInt("rate_denominator")), rs.getLong("cap_cents"),
                rs.getInt("position"));
    }
}
