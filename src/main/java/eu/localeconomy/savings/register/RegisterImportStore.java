package eu.localeconomy.savings.register;

import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of the import tables. Every statement filters by tenant. */
@Component
class RegisterImportStore {

    private static final String COLUMNS = """
            id, programme_id, register, reference_date, file_name, charset, delimiter, header::text, mapping::text,
            full_extract, status, job_id, rows_total, rows_failed, households_created, households_updated,
            households_unchanged, households_excluded, created_at""";
    private static final TypeReference<List<String>> HEADER = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Integer>> MAPPING = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json = JsonMapper.builder().build();

    RegisterImportStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(UUID id, TenantId tenant, UUID programmeId, Register register, LocalDate referenceDate, String fileName,
                byte[] content, String charset, char delimiter, List<String> header, UUID createdBy, Instant now) {
        jdbc.sql("""
                        insert into savings_register_import (id, tenant_id, programme_id, register, reference_date, file_name,
                            content, charset, delimiter, header, status, created_by, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), 'UPLOADED', ?, ?, ?)""")
                .params(id, tenant.value(), programmeId, register.name(), referenceDate, fileName, content, charset,
                        String.valueOf(delimiter), json.writeValueAsString(header), createdBy, Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    Optional<RegisterImport> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from savings_register_import where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(this::map).optional();
    }

    List<RegisterImport> recent(TenantId tenant, int limit) {
        return jdbc.sql("select " + COLUMNS + " from savings_register_import where tenant_id = ? order by created_at desc limit ?")
                .params(tenant.value(), limit).query(this::map).list();
    }

    Optional<byte[]> content(TenantId tenant, UUID id) {
        return jdbc.sql("select content from savings_register_import where tenant_id = ? and id = ? and content is not null")
                .params(tenant.value(), id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    Optional<UUID> submittedFor(TenantId tenant, UUID programmeId, Register register) {
        return jdbc.sql("""
                        select id from savings_register_import
                        where tenant_id = ? and programme_id = ? and register = ? and status = 'SUBMITTED'""")
                .params(tenant.value(), programmeId, register.name()).query(UUID.class).optional();
    }

    boolean submit(TenantId tenant, UUID id, Map<RegisterField, Integer> mapping, boolean fullExtract, Instant now) {
        Map<String, Integer> stored = new LinkedHashMap<>();
        mapping.forEach((field, column) -> stored.put(field.name(), column));
        return jdbc.sql("""
                        update savings_register_import set mapping = cast(? as jsonb), full_extract = ?, status = 'SUBMITTED',
                            updated_at = ?
                        where tenant_id = ? and id = ? and status = 'UPLOADED'""")
                .params(json.writeValueAsString(stored), fullExtract, Timestamp.from(now), tenant.value(), id)
                .update() == 1;
    }

    void jobStarted(TenantId tenant, UUID id, UUID jobId) {
        jdbc.sql("update savings_register_import set job_id = ? where tenant_id = ? and id = ?")
                .params(jobId, tenant.value(), id).update();
    }

    /** Ends an import: DONE clears the file (it holds personal data and is no longer needed), FAILED keeps nothing either. */
    void finish(TenantId tenant, UUID id, RegisterImport.Status status, int excluded, Instant now) {
        jdbc.sql("""
                        update savings_register_import set status = ?, households_excluded = ?, content = null, updated_at = ?
                        where tenant_id = ? and id = ?""")
                .params(status.name(), excluded, Timestamp.from(now), tenant.value(), id).update();
    }

    void release(TenantId tenant, UUID id, RegisterImport.Status status, Instant now) {
        jdbc.sql("""
                        update savings_register_import set status = ?, content = null, updated_at = ?
                        where tenant_id = ? and id = ? and status = 'SUBMITTED'""")
                .params(status.name(), Timestamp.from(now), tenant.value(), id).update();
    }

    void rowCounts(TenantId tenant, UUID id, int total, int failed) {
        jdbc.sql("update savings_register_import set rows_total = ?, rows_failed = ? where tenant_id = ? and id = ?")
                .params(total, failed, tenant.value(), id).update();
    }

    void addCounts(TenantId tenant, UUID id, HouseholdWriter.Counts counts) {
        jdbc.sql("""
                        update savings_register_import set households_created = households_created + ?,
                            households_updated = households_updated + ?, households_unchanged = households_unchanged + ?
                        where tenant_id = ? and id = ?""")
                .params(counts.created(), counts.updated(), counts.unchanged(), tenant.value(), id).update();
    }

    /** Replaces the import's error rows (a resumed import writes the same ones again). */
    void replaceErrors(TenantId tenant, UUID id, List<ImportError> errors) {
        jdbc.sql("delete from savings_register_import_error where tenant_id = ? and import_id = ?")
                .params(tenant.value(), id).update();
        if (errors.isEmpty()) {
            return;
        }
        template.execute((ConnectionCallback<Void>) connection -> {
            int batch = 5000;
            for (int from = 0; from < errors.size(); from += batch) {
                List<ImportError> part = errors.subList(from, Math.min(errors.size(), from + batch));
                Integer[] positions = new Integer[part.size()];
                Integer[] rows = new Integer[part.size()];
                String[][] texts = new String[4][part.size()];
                for (int i = 0; i < part.size(); i++) {
                    ImportError e = part.get(i);
                    positions[i] = from + i;
                    rows[i] = e.row();
                    texts[0][i] = truncate(e.column(), 200);
                    texts[1][i] = truncate(e.value(), 500);
                    texts[2][i] = e.reasonKey();
                    texts[3][i] = e.reasonArgument();
                }
                try (PreparedStatement ps = connection.prepareStatement("""
                        insert into savings_register_import_error (tenant_id, import_id, position, row_number, column_name,
                            value, reason_key, reason_arg)
                        select ?, ?, v.position, v.row_number, v.column_name, v.value, v.reason_key, v.reason_arg
                        from unnest(?, ?, ?, ?, ?, ?) as v(position, row_number, column_name, value, reason_key, reason_arg)""")) {
                    ps.setObject(1, tenant.value());
                    ps.setObject(2, id);
                    ps.setArray(3, connection.createArrayOf("int4", positions));
                    ps.setArray(4, connection.createArrayOf("int4", rows));
                    for (int c = 0; c < 4; c++) {
                        ps.setArray(5 + c, connection.createArrayOf("text", texts[c]));
                    }
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    List<ImportError> errors(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        select row_number, column_name, value, reason_key, reason_arg from savings_register_import_error
                        where tenant_id = ? and import_id = ? order by position""")
                .params(tenant.value(), id)
                .query((rs, n) -> new ImportError(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    private RegisterImport map(ResultSet rs, int row) throws SQLException {
        String mappingJson = rs.getString(9);
        Map<RegisterField, Integer> mapping = new EnumMap<>(RegisterField.class);
        if (mappingJson != null) {
            json.readValue(mappingJson, MAPPING).forEach((field, column) -> mapping.put(RegisterField.valueOf(field), column));
        }
        return new RegisterImport(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                Register.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6),
                rs.getString(7).charAt(0), json.readValue(rs.getString(8), HEADER), mapping, rs.getBoolean(10),
                RegisterImport.Status.valueOf(rs.getString(11)), rs.getObject(12, UUID.class), rs.getInt(13),
                rs.getInt(14), rs.getInt(15), rs.getInt(16), rs.getInt(17), rs.getInt(18),
                rs.getTimestamp(19).toInstant());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
