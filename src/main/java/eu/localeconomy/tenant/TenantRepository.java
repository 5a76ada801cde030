package eu.localeconomy.tenant;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class TenantRepository {

    private static final String COLUMNS = """
            id, slug, name, kind, default_language, time_zone, currency, primary_colour, logo is not null as has_logo,
            legal_name, street, postcode, city, country, company_number, vat_number, created_at""";

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Tenant> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from tenant where slug = ?").param(slug).query(TenantRepository::map).optional();
    }

    Optional<Tenant> findById(TenantId id) {
        return jdbc.sql("select " + COLUMNS + " from tenant where id = ?").param(id.value()).query(TenantRepository::map).optional();
    }

    List<Tenant> findAll() {
        return jdbc.sql("select " + COLUMNS + " from tenant order by name").query(TenantRepository::map).list();
    }

    boolean slugExists(String slug) {
        return jdbc.sql("select count(*) from tenant where slug = ?").param(slug).query(Integer.class).single() > 0;
    }

    void insert(Tenant t, Instant now) {
        jdbc.sql("""
                        insert into tenant (id, slug, name, kind, default_language, time_zone, currency, primary_colour,
                            legal_name, street, postcode, city, country, company_number, vat_number, created_at, updated_at)
                        values (:id, :slug, :name, :kind, :lang, :zone, :currency, :colour,
                            :legalName, :street, :postcode, :city, :country, :companyNumber, :vat, :now, :now)""")
                .param("id", t.id().value()).param("slug", t.slug()).param("name", t.name())
                .param("kind", t.kind().name()).param("lang", t.defaultLanguage().code()).param("zone", t.zone().getId())
                .param("currency", t.currency()).param("colour", t.primaryColour())
                .param("legalName", t.legal().legalName()).param("street", t.legal().street())
                .param("postcode", t.legal().postcode()).param("city", t.legal().city())
                .param("country", t.legal().country()).param("companyNumber", t.legal().companyNumber())
                .param("vat", t.legal().vatNumber()).param("now", Timestamp.from(now))
                .update();
    }

    void updateSettings(TenantId id, String name, Language language, ZoneId zone, String colour,
                        Tenant.LegalIdentity legal, Instant now) {
        jdbc.sql("""
                        update tenant set name = :name, default_language = :lang, time_zone = :zone, primary_colour = :colour,
                            legal_name = :legalName, street = :street, postcode = :postcode, city = :city, country = :country,
                            company_number = :companyNumber, vat_number = :vat, updated_at = :now
                        where id = :id""")
                .param("id", id.value()).param("name", name).param("lang", language.code()).param("zone", zone.getId())
                .param("colour", colour).param("legalName", legal.legalName()).param("street", legal.street())
                .param("postcode", legal.postcode()).param("city", legal.city()).param("country", legal.country())
                .param("companyNumber", legal.companyNumber()).param("vat", legal.vatNumber())
                .param("now", Timestamp.from(now))
                .update();
    }

    void updateLogo(TenantId id, byte[] logo, String mediaType, Instant now) {
        jdbc.sql("update tenant set logo = ?, logo_media_type = ?, updated_at = ? where id = ?")
                .params(logo, mediaType, Timestamp.from(now), id.value()).update();
    }

    Optional<Logo> findLogo(TenantId id) {
        return jdbc.sql("select logo, logo_media_type from tenant where id = ? and logo is not null").param(id.value())
                .query((rs, n) -> new Logo(rs.getBytes(1), rs.getString(2))).optional();
    }

    record Logo(byte[] bytes, String mediaType) {
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(new TenantId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name"),
                TenantKind.valueOf(rs.getString("kind")), Language.fromCode(rs.getString("default_language")).orElseThrow(),
                ZoneId.of(rs.getString("time_zone")), rs.getString("currency"), rs.getString("primary_colour"),
                rs.getBoolean("has_logo"),
                new Tenant.LegalIdentity(rs.getString("legal_name"), rs.getString("street"), rs.getString("postcode"),
                        rs.getString("city"), rs.getString("country"), rs.getString("company_number"),
                        rs.getString("vat_number")),
                rs.getTimestamp("created_at").toInstant());
    }
}
