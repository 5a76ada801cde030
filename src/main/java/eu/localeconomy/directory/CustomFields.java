package eu.localeconomy.directory;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Definitions of the tenant's custom fields. */
@Service
public class CustomFields {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,60}");
    private static final TypeReference<LinkedHashMap<String, String>> LABELS = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> CHOICES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    CustomFields(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public List<CustomField> of(TenantId tenant) {
        return jdbc.sql("""
                        select key, type, labels::text, choices::text, position from directory_custom_field
                        where tenant_id = ? order by position, key""")
                .param(tenant.value()).query(this::field).list();
    }

    public Optional<CustomField> find(TenantId tenant, String key) {
        return jdbc.sql("""
                        select key, type, labels::text, choices::text, position from directory_custom_field
                        where tenant_id = ? and key = ?""")
                .params(tenant.value(), key).query(this::field).optional();
    }

    /** Defines or redefines a field (key unique per tenant; its type cannot change once values exist). Audited. */
    @Transactional
    public void define(TenantId tenant, CustomField field, Actor actor) {
        List<DirectoryValidationException.Problem> problems = new ArrayList<>();
        String key = field.key() == null ? "" : field.key().trim();
        if (!KEY.matcher(key).matches()) {
            problems.add(new DirectoryValidationException.Problem("key", "directory.customField.error.key"));
        }
        if (field.type() == null) {
            problems.add(new DirectoryValidationException.Problem("type", "directory.error.required"));
        }
        Map<Language, String> labels = new EnumMap<>(Language.class);
        if (field.labels() != null) {
            field.labels().forEach((l, v) -> {
                if (v != null && !v.isBlank()) {
                    labels.put(l, v.trim());
                }
            });
        }
        for (Language l : Language.EVERY_SCREEN) {
            String label = labels.get(l);
            if (label == null) {
                problems.add(new DirectoryValidationException.Problem("labels." + l.code(), "directory.error.required"));
            } else if (label.length() > 200) {
                problems.add(new DirectoryValidationException.Problem("labels." + l.code(), "directory.error.tooLong", 200));
            }
        }
        List<DirectoryField.Choice> choices = field.type() == FieldType.CHOICE && field.choices() != null
                ? field.choices() : List.of();
        if (field.type() == FieldType.CHOICE) {
            Set<String> codes = new HashSet<>();
            if (choices.isEmpty()) {
                problems.add(new DirectoryValidationException.Problem("choices", "directory.customField.error.noChoices"));
            }
            for (DirectoryField.Choice c : choices) {
                if (c.code() == null || !CODE.matcher(c.code()).matches() || !codes.add(c.code().toLowerCase())) {
                    problems.add(new DirectoryValidationException.Problem("choices", "directory.customField.error.choiceCode",
                            c.code() == null ? "" : c.code()));
                }
            }
        }
        if (problems.isEmpty()) {
            Optional<CustomField> existing = find(tenant, key);
            if (existing.isPresent() && existing.get().type() != field.type() && hasValues(tenant, key)) {
                problems.add(new DirectoryValidationException.Problem("type", "directory.customField.error.typeInUse"));
            }
        }
        if (!problems.isEmpty()) {
            throw new DirectoryValidationException(problems);
        }
        Map<String, String> labelJson = new LinkedHashMap<>();
        labels.forEach((l, v) -> labelJson.put(l.code(), v));
        List<Map<String, Object>> choiceJson = new ArrayList<>();
        for (DirectoryField.Choice c : choices) {
            Map<String, String> cl = new LinkedHashMap<>();
            if (c.labels() != null) {
                c.labels().forEach((l, v) -> cl.put(l.code(), v));
            }
            choiceJson.add(Map.of("code", c.code(), "labels", cl));
        }
        int updated = jdbc.sql("""
                        insert into directory_custom_field (id, tenant_id, key, type, labels, choices, position, created_at)
                        values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)
                        on conflict (tenant_id, key) do update set type = excluded.type, labels = excluded.labels,
                            choices = excluded.choices, position = excluded.position""")
                .params(UUID.randomUUID(), tenant.value(), key, field.type().name(), json.writeValueAsString(labelJson),
                        json.writeValueAsString(choiceJson), field.position(), Timestamp.from(clock.instant()))
                .update();
        audit.record(actor, tenant, "directory.custom-field.define", "directory_custom_field", key,
                Map.of("type", field.type().name(), "rows", updated));
    }

    private boolean hasValues(TenantId tenant, String key) {
        return jdbc.sql("select exists (select 1 from directory_establishment where tenant_id = ? and (custom -> ?) is not null)")
                .params(tenant.value(), key).query(Boolean.class).single();
    }

    private CustomField field(ResultSet rs, int n) throws SQLException {
        Map<Language, String> labels = languages(json.readValue(rs.getString(3), LABELS));
        List<DirectoryField.Choice> choices = new ArrayList<>();
        for (Map<String, Object> c : json.readValue(rs.getString(4), CHOICES)) {
            @SuppressWarnings("unchecked")
            Map<String, String> cl = c.get("labels") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
            choices.add(new DirectoryField.Choice(String.valueOf(c.get("code")), languages(cl)));
        }
        return new CustomField(rs.getString(1), FieldType.valueOf(rs.getString(2)), labels, List.copyOf(choices),
                rs.getInt(5));
    }

    private static Map<Language, String> languages(Map<String, String> byCode) {
        Map<Language, String> out = new EnumMap<>(Language.class);
        byCode.forEach((code, v) -> Language.fromCode(code).ifPresent(l -> out.put(l, v)));
        return Map.copyOf(out);
    }
}
