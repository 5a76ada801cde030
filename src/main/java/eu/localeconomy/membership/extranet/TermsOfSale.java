package eu.localeconomy.membership.extranet;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The tenant's versioned terms of sale and who accepted which version when. Ordering needs the current one accepted. */
@Service
public class TermsOfSale {

    /** Longest text per language we store (a CGV is a few pages). */
    public static final int MAX_TEXT_LENGTH = 100_000;

    /** A version as the office sees it: a draft has no publication time. */
    public record Version(UUID id, int version, Map<Language, String> texts, Instant createdAt, Instant publishedAt,
                          int acceptances) {
        public boolean draft() {
            return publishedAt == null;
        }
    }

    /** Who accepted which version when. */
    public record Acceptance(UUID id, UserId account, UUID termsId, int version, Instant acceptedAt) {
    }

    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    TermsOfSale(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The latest published version; none means no professional can order yet. */
    public Optional<TermsVersion> current(TenantId tenant) {
        return jdbc.sql("""
                        select id, version, texts, published_at from membership_terms
                        where tenant_id = ? and published_at is not null order by version desc limit 1""")
                .param(tenant.value())
                .query((rs, n) -> new TermsVersion(rs.getObject("id", UUID.class), rs.getInt("version"),
                        texts(rs.getString("texts")), rs.getTimestamp("published_at").toInstant()))
                .optional();
    }

    /**
     * Records the acceptance of this version by this account (idempotent); returns the acceptance's id.
     *
     * @throws IllegalArgumentException when the version is not a published version of this tenant
     */
    @Transactional
    public UUID accept(TenantId tenant, UserId account, UUID termsVersion) {
        Optional<Integer> version = jdbc.sql("""
                        select version from membership_terms where tenant_id = ? and id = ? and published_at is not null""")
                .params(tenant.value(), termsVersion)
                .query(Integer.class)
                .optional();
        if (version.isEmpty()) {
            throw new IllegalArgumentException("no published terms " + termsVersion);
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into membership_terms_acceptance (id, tenant_id, account_id, terms_id, accepted_at)
                        values (?, ?, ?, ?, ?) on conflict (tenant_id, account_id, terms_id) do nothing""")
                .params(id, tenant.value(), account.value(), termsVersion, Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return jdbc.sql("""
                            select id from membership_terms_acceptance
                            where tenant_id = ? and account_id = ? and terms_id = ?""")
                    .params(tenant.value(), account.value(), termsVersion)
                    .query(UUID.class)
                    .single();
        }
        // The professional accepts for themselves: the current principal is the actor.
        audit.record(tenant, "membership.terms.accepted", "membership_terms", termsVersion, Map.of("version", version.get()));
        return id;
    }

    public boolean hasAcceptedCurrent(TenantId tenant, UserId account) {
        return jdbc.sql("""
                        select exists (select 1 from membership_terms_acceptance a
                            where a.tenant_id = ? and a.account_id = ? and a.terms_id = (
                                select t.id from membership_terms t where t.tenant_id = a.tenant_id
                                and t.published_at is not null order by t.version desc limit 1))""")
                .params(tenant.value(), account.value())
                .query(Boolean.class)
                .single();
    }

    /** Every version, newest first, with the number of acceptances. */
    public List<Version> versions(TenantId tenant) {
        return jdbc.sql("""
                        select t.id, t.version, t.texts, t.created_at, t.published_at,
                            (select count(*) from membership_terms_acceptance a
                             where a.tenant_id = t.tenant_id and a.terms_id = t.id) as acceptances
                        from membership_terms t where t.tenant_id = ? order by t.version desc""")
                .param(tenant.value())
                .query(this::version)
                .list();
    }

    public Optional<Version> version(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        select t.id, t.version, t.texts, t.created_at, t.published_at,
                            (select count(*) from membership_terms_acceptance a
                             where a.tenant_id = t.tenant_id and a.terms_id = t.id) as acceptances
                        from membership_terms t where t.tenant_id = ? and t.id = ?""")
                .params(tenant.value(), id)
                .query(this::version)
                .optional();
    }

    /** The draft being written, if any (one at a time). */
    public Optional<Version> draft(TenantId tenant) {
        return versions(tenant).stream().filter(Version::draft).findFirst();
    }

    /**
     * Writes the texts of the draft, creating it (as the next version number) when there is none. Published versions
     * are never changed: a change after publication is a new draft.
     */
    @Transactional
    public Version saveDraft(TenantId tenant, Map<Language, String> texts, Actor by) {
        String body = json.writeValueAsString(codes(texts));
        // Serialises drafts of one tenant (a transaction-scoped advisory lock, not a row of another module's table):
        // two admins saving at once get one draft, not a unique-index error.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("membership_terms:" + tenant.value())
                .query((rs, n) -> Boolean.TRUE).list();
        Optional<Version> draft = draft(tenant);
        UUID id;
        if (draft.isPresent()) {
            id = draft.get().id();
            jdbc.sql("update membership_terms set texts = cast(? as jsonb) where tenant_id = ? and id = ? and published_at is null")
                    .params(body, tenant.value(), id)
                    .update();
        } else {
            id = UUID.randomUUID();
            jdbc.sql("""
                            insert into membership_terms (id, tenant_id, version, texts, created_by, created_at)
                            values (?, ?, (select coalesce(max(version), 0) + 1 from membership_terms where tenant_id = ?),
                                cast(? as jsonb), ?, ?)""")
                    .params(id, tenant.value(), tenant.value(), body, Actor.accountOf(by), Timestamp.from(clock.instant()))
                    .update();
        }
        Version saved = version(tenant, id).orElseThrow();
        audit.record(by, tenant, "membership.terms.draft-saved", "membership_terms", id,
                Map.of("version", saved.version()));
        return saved;
    }

    /** Publishes the draft: from now on it is the current version and immutable. False if it is not a draft. */
    @Transactional
    public boolean publish(TenantId tenant, UUID id, Actor by) {
        Optional<Integer> version = jdbc.sql("""
                        update membership_terms set published_at = ?
                        where tenant_id = ? and id = ? and published_at is null returning version""")
                .params(Timestamp.from(clock.instant()), tenant.value(), id)
                .query(Integer.class)
                .optional();
        version.ifPresent(v -> audit.record(by, tenant, "membership.terms.published", "membership_terms", id,
                Map.of("version", v)));
        return version.isPresent();
    }

    /** Who accepted which version when, newest first. */
    public List<Acceptance> acceptances(TenantId tenant, int limit) {
        return jdbc.sql("""
                        select a.id, a.account_id, a.terms_id, t.version, a.accepted_at
                        from membership_terms_acceptance a
                        join membership_terms t on t.tenant_id = a.tenant_id and t.id = a.terms_id
                        where a.tenant_id = ? order by a.accepted_at desc, a.id limit ?""")
                .params(tenant.value(), limit)
                .query((rs, n) -> new Acceptance(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class)),
                        rs.getObject(3, UUID.class), rs.getInt(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    private Version version(ResultSet rs, int n) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new Version(rs.getObject("id", UUID.class), rs.getInt("version"), texts(rs.getString("texts")),
                rs.getTimestamp("created_at").toInstant(), published == null ? null : published.toInstant(),
                rs.getInt("acceptances"));
    }

    private Map<Language, String> texts(String body) {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        json.readValue(body, TEXTS).forEach((code, text) ->
                Language.fromCode(code).ifPresent(language -> texts.put(language, text)));
        return texts;
    }

    private static Map<String, String> codes(Map<Language, String> texts) {
        Map<String, String> codes = new LinkedHashMap<>();
        texts.forEach((language, text) -> {
            if (text != null && !text.isBlank()) {
                codes.put(language.code(), text.strip());
            }
        });
        return codes;
    }
}
