package eu.localeconomy.directory;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.identifier.FrenchVatNumber;
import eu.localeconomy.identifier.InvalidIdentifierException;
import eu.localeconomy.identifier.Siren;
import eu.localeconomy.identifier.Siret;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The directory's public API for establishments. Every method takes the tenant explicitly. */
@Service
public class Establishments {

    /** Largest capacity accepted: no establishment hosts more; a larger number is a typing error. */
    public static final int MAX_CAPACITY = 100_000;
    /** Sources of a membership season. */
    public static final Set<String> SOURCES = Set.of("ORDER", "IMPORT", "OFFICE");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /** What an import did with one record. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Upserted(EstablishmentId id, Outcome outcome) {
    }

    public record Page(List<Establishment> items, int total, int page, int size) {
    }

    private final EstablishmentStore store;
    private final CustomFields customFields;
    private final AuditLog audit;
    private final Clock clock;
    private final JdbcClient jdbc;

    Establishments(EstablishmentStore store, CustomFields customFields, AuditLog audit, Clock clock, JdbcClient jdbc) {
        this.store = store;
        this.customFields = customFields;
        this.audit = audit;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public Optional<Establishment> find(TenantId tenant, EstablishmentId id) {
        return store.some(tenant, List.of(id.value()), customTypes(tenant)).stream().findFirst();
    }

    /** Every establishment of the tenant (archived ones excluded), with seasons and external refs, in name order. */
    public List<Establishment> all(TenantId tenant) {
        return store.all(tenant, customTypes(tenant));
    }

    /** The given establishments (unknown ids skipped), in name order. */
    public List<Establishment> findAll(TenantId tenant, Collection<EstablishmentId> ids) {
        return store.some(tenant, ids.stream().map(EstablishmentId::value).toList(), customTypes(tenant));
    }

    /** Free text over name, legal name, city, postcode, SIRET, e-mail, filtered by criteria, in name order. */
    public Page search(TenantId tenant, String text, Criterion criterion, int page, int size) {
        int pageSize = Math.clamp(size, 1, 500);
        String wanted = text == null || text.isBlank() ? null : Criteria.fold(text.trim());
        String digits = wanted == null ? null : wanted.replaceAll("[\\s.\\-]", "");
        List<Establishment> hits = all(tenant).stream()
                .filter(e -> wanted == null || matchesText(e.details(), wanted, digits))
                .filter(e -> criterion == null || Criteria.matches(criterion, e))
                .toList();
        int lastPage = Math.max(0, (hits.size() - 1) / pageSize);
        int p = Math.clamp(page, 0, lastPage);
        int from = p * pageSize;
        return new Page(hits.subList(from, Math.min(hits.size(), from + pageSize)), hits.size(), p, pageSize);
    }

    private static boolean matchesText(EstablishmentDetails d, String wanted, String digits) {
        for (String s : new String[] {d.name(), d.legalName(), d.city(), d.postcode(), d.email()}) {
            if (s != null && Criteria.fold(s).contains(wanted)) {
                return true;
            }
        }
        return d.siret() != null && !digits.isEmpty() && d.siret().contains(digits);
    }

    /** Establishments whose e-mail is this address (ignoring case): whom an invited professional acts for. */
    public List<Establishment> withEmail(TenantId tenant, String email) {
        if (email == null || email.isBlank()) {
            return List.of();
        }
        return store.some(tenant, store.idsOfEmail(tenant, email.trim()), customTypes(tenant));
    }

    /** The organisation of this id, if it is the tenant's. */
    public Optional<Organisation> findOrganisation(TenantId tenant, OrganisationId id) {
        return store.organisation(tenant, id);
    }

    /** The establishments of an organisation (its main one and the secondary ones), in name order. */
    public List<Establishment> ofOrganisation(TenantId tenant, OrganisationId id) {
        return store.some(tenant, store.idsOfOrganisation(tenant, id), customTypes(tenant));
    }

    /** Creates an establishment; validates identifiers and fields (DirectoryValidationException). Audited. */
    @Transactional
    public EstablishmentId create(TenantId tenant, EstablishmentDetails details, Actor actor) {
        EstablishmentDetails d = validate(tenant, details);
        UUID id = UUID.randomUUID();
        store.insert(tenant, id, d, clock.instant());
        audit.record(actor, tenant, "directory.establishment.create", "directory_establishment", id,
                Map.of("type", d.type().name()));
        return new EstablishmentId(id);
    }

    /** Updates if the version still matches (else StaleEstablishmentException). Audited. */
    @Transactional
    public void update(TenantId tenant, EstablishmentId id, int expectedVersion, EstablishmentDetails details,
                       Actor actor) {
        Establishment before = find(tenant, id).orElseThrow(() -> new NoSuchElementException("no establishment " + id));
        if (before.version() != expectedVersion) {
            throw new StaleEstablishmentException(id);
        }
        EstablishmentDetails d = validate(tenant, details);
        if (!store.update(tenant, id, expectedVersion, d, clock.instant())) {
            throw new StaleEstablishmentException(id);
        }
        audit.record(actor, tenant, "directory.establishment.update", "directory_establishment", id.value(),
                Map.of("version", expectedVersion + 1, "fields", changed(before.details(), d)));
    }

    /**
     * Import: creates the establishment of this external record or updates it. Only {@code fields} (standard keys
     * and {@code custom.<key>}) are overwritten on an update, so what the office keeps by hand survives a feed that
     * does not carry it. UNCHANGED when the content hash is the one last seen. Besides the field keys of
     * {@link DirectoryFields#valueOf}, {@code fields} may name {@code organisation}, {@code contacts},
     * {@code latitude} and {@code longitude}.
     */
    @Transactional
    public Upserted upsert(TenantId tenant, ExternalRef ref, String contentHash, EstablishmentDetails details,
                           Set<String> fields, Actor actor) {
        Objects.requireNonNull(ref, "ref");
        Instant now = clock.instant();
        Optional<UUID> owner = store.refOwner(tenant, ref.system(), ref.externalId());
        if (owner.isEmpty()) {
            EstablishmentDetails d = validate(tenant, details);
            UUID id = UUID.randomUUID();
            store.insert(tenant, id, d, now);
            store.saveRef(tenant, id, ref, contentHash, now);
            audit.record(actor, tenant, "directory.establishment.import", "directory_establishment", id,
                    Map.of("system", ref.system().name(), "outcome", Outcome.CREATED.name()));
            return new Upserted(new EstablishmentId(id), Outcome.CREATED);
        }
        EstablishmentId id = new EstablishmentId(owner.get());
        if (contentHash != null && contentHash.equals(store.refHash(tenant, ref.system(), ref.externalId()).orElse(null))) {
            store.touchRef(tenant, ref, now);
            return new Upserted(id, Outcome.UNCHANGED);
        }
        Establishment before = find(tenant, id).orElseThrow();
        EstablishmentDetails d = validate(tenant, merge(before.details(), details, fields));
        if (!store.update(tenant, id, before.version(), d, now)) {
            throw new StaleEstablishmentException(id);
        }
        store.saveRef(tenant, id.value(), ref, contentHash, now);
        audit.record(actor, tenant, "directory.establishment.import", "directory_establishment", id.value(),
                Map.of("system", ref.system().name(), "outcome", Outcome.UPDATED.name(),
                        "fields", changed(before.details(), d)));
        return new Upserted(id, Outcome.UPDATED);
    }

    /** Finds or creates the organisation of a SIREN (its legal name updated when given). */
    @Transactional
    public OrganisationId organisation(TenantId tenant, String siren, String legalName) {
        String name = blank(legalName);
        String number = null;
        if (blank(siren) != null) {
            try {
                number = Siren.parse(siren).value();
            } catch (InvalidIdentifierException e) {
                throw new DirectoryValidationException("siren", "directory.error." + e.type() + "." + e.reason());
            }
        }
        if (number == null && name == null) {
            throw new DirectoryValidationException("siren", "directory.error.organisation");
        }
        if (name != null && name.length() > 200) {
            throw new DirectoryValidationException("legal_name", "directory.error.tooLong", 200);
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (number == null) {
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into directory_organisation (id, tenant_id, legal_name, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?)")
                    .params(id, tenant.value(), name, now, now).update();
            return new OrganisationId(id);
        }
        UUID id = jdbc.sql("""
                        insert into directory_organisation (id, tenant_id, legal_name, siren, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, siren) where siren is not null do update set
                            legal_name = coalesce(cast(? as varchar), directory_organisation.legal_name),
                            updated_at = excluded.updated_at
                        returning id""")
                .params(UUID.randomUUID(), tenant.value(), name == null ? number : name, number, now, now, name)
                .query(UUID.class).single();
        return new OrganisationId(id);
    }

    /** Records that the establishment was a member this season (idempotent). */
    @Transactional
    public void recordMembership(TenantId tenant, EstablishmentId id, int season, String source, Actor actor) {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("unknown membership source " + source);
        }
        if (season < 1990 || season > 2200) {
            throw new DirectoryValidationException("season", "directory.error.season");
        }
        if (store.version(tenant, id).isEmpty()) {
            throw new NoSuchElementException("no establishment " + id);
        }
        if (store.addSeason(tenant, id, season, source, clock.instant())) {
            audit.record(actor, tenant, "directory.membership.record", "directory_establishment", id.value(),
                    Map.of("season", season, "source", source));
        }
    }

    /**
     * Withdraws a season recorded from this source (an order refunded in full is no membership); a season recorded
     * by an import or by the office stays. Idempotent.
     */
    @Transactional
    public void withdrawMembership(TenantId tenant, EstablishmentId id, int season, String source, Actor actor) {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("unknown membership source " + source);
        }
        if (store.removeSeason(tenant, id, season, source)) {
            audit.record(actor, tenant, "directory.membership.withdraw", "directory_establishment", id.value(),
                    Map.of("season", season, "source", source));
        }
    }

    /** Sync references with their last sync, for the detail page. */
    List<EstablishmentStore.RefState> refStates(TenantId tenant, EstablishmentId id) {
        return store.refStates(tenant, id);
    }

    List<EstablishmentStore.Season> seasons(TenantId tenant, EstablishmentId id) {
        return store.seasons(tenant, id);
    }

    private Map<String, FieldType> customTypes(TenantId tenant) {
        return customFields.of(tenant).stream().collect(Collectors.toMap(CustomField::key, CustomField::type));
    }

    // ---- validation -------------------------------------------------------------------------------------------

    /** Checks and normalises (trimmed, blanks as null, identifiers compact); throws with every problem at once. */
    EstablishmentDetails validate(TenantId tenant, EstablishmentDetails in) {
        List<DirectoryValidationException.Problem> problems = new ArrayList<>();
        String name = text(problems, "name", in.name(), 200);
        if (name == null) {
            problems.add(new DirectoryValidationException.Problem("name", "directory.error.required"));
        }
        if (in.type() == null) {
            problems.add(new DirectoryValidationException.Problem("type", "directory.error.required"));
        }
        String siret = null;
        if (blank(in.siret()) != null) {
            try {
                siret = Siret.parse(in.siret()).value();
            } catch (InvalidIdentifierException e) {
                problems.add(new DirectoryValidationException.Problem("siret", "directory.error.siret." + e.reason()));
            }
        }
        String vat = null;
        if (blank(in.vatNumber()) != null) {
            try {
                vat = FrenchVatNumber.parse(in.vatNumber()).value();
            } catch (InvalidIdentifierException e) {
                problems.add(new DirectoryValidationException.Problem("vat_number", "directory.error.vat-fr." + e.reason()));
            }
        }
        Integer persons = capacity(problems, "capacity_persons", in.capacityPersons());
        Integer rooms = capacity(problems, "capacity_rooms", in.capacityRooms());
        Integer pitches = capacity(problems, "capacity_pitches", in.capacityPitches());
        String email = text(problems, "email", in.email(), 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add(new DirectoryValidationException.Problem("email", "directory.error.email"));
        }
        String country = blank(in.country()) == null ? "FR" : in.country().trim().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            problems.add(new DirectoryValidationException.Problem("country", "directory.error.country"));
        }
        BigDecimal lat = in.latitude();
        BigDecimal lon = in.longitude();
        if ((lat == null) != (lon == null)) {
            problems.add(new DirectoryValidationException.Problem(lat == null ? "latitude" : "longitude",
                    "directory.error.coordinates"));
        } else if (lat != null) {
            if (lat.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
                problems.add(new DirectoryValidationException.Problem("latitude", "directory.error.latitude"));
            }
            if (lon.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
                problems.add(new DirectoryValidationException.Problem("longitude", "directory.error.longitude"));
            }
            lat = lat.setScale(6, java.math.RoundingMode.HALF_UP);
            lon = lon.setScale(6, java.math.RoundingMode.HALF_UP);
        }
        if (in.organisation() != null && !store.organisationExists(tenant, in.organisation())) {
            problems.add(new DirectoryValidationException.Problem("organisation", "directory.error.organisation"));
        }
        List<EstablishmentDetails.Contact> contacts = new ArrayList<>();
        if (in.contacts() != null) {
            for (EstablishmentDetails.Contact c : in.contacts()) {
                if (c != null && blank(c.value()) != null) {
                    contacts.add(new EstablishmentDetails.Contact(
                            blank(c.kind()) == null ? "OTHER" : c.kind().trim().toUpperCase(Locale.ROOT),
                            blank(c.label()), c.value().trim()));
                }
            }
        }
        Map<String, Object> custom = custom(tenant, in.custom(), problems);
        EstablishmentDetails out = new EstablishmentDetails(in.organisation(), in.organisation() == null || in.main(),
                name, text(problems, "legal_name", in.legalName(), 200), siret, vat, in.type(),
                text(problems, "classification_scheme", in.classificationScheme(), 60),
                text(problems, "classification_value", in.classificationValue(), 60),
                persons, rooms, pitches,
                text(problems, "contact_name", in.contactName(), 200), email,
                text(problems, "phone", in.phone(), 40), text(problems, "website", in.website(), 300),
                List.copyOf(contacts),
                text(problems, "street", in.street(), 300), text(problems, "postcode", in.postcode(), 16),
                text(problems, "city", in.city(), 100), country, lat, lon, custom);
        if (!problems.isEmpty()) {
            throw new DirectoryValidationException(problems);
        }
        return out;
    }

    private Map<String, Object> custom(TenantId tenant, Map<String, Object> values,
                                       List<DirectoryValidationException.Problem> problems) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Map<String, CustomField> defs = customFields.of(tenant).stream()
                .collect(Collectors.toMap(CustomField::key, f -> f));
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((key, raw) -> {
            String field = DirectoryFields.CUSTOM + key;
            CustomField def = defs.get(key);
            if (raw == null || raw instanceof String s && s.isBlank()) {
                return;
            }
            if (def == null) {
                problems.add(new DirectoryValidationException.Problem(field, "directory.error.customUnknown", key));
                return;
            }
            Object value = customValue(def, raw);
            if (value == null) {
                problems.add(new DirectoryValidationException.Problem(field,
                        "directory.error.custom." + def.type().name().toLowerCase(Locale.ROOT)));
            } else {
                out.put(key, value);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The value typed for its definition, or null when it does not fit. */
    static Object customValue(CustomField def, Object raw) {
        String text = raw.toString().trim();
        return switch (def.type()) {
            case TEXT -> text.length() > 1000 ? null : text;
            case NUMBER -> {
                BigDecimal n = raw instanceof BigDecimal b ? b
                        : raw instanceof Number num ? new BigDecimal(num.toString()) : Criteria.number(text);
                yield n == null || n.abs().compareTo(new BigDecimal("1e15")) >= 0 || n.scale() > 6 ? null
                        : n.stripTrailingZeros().scale() < 0 ? n.setScale(0) : n.stripTrailingZeros();
            }
            case BOOLEAN -> raw instanceof Boolean b ? b
                    : text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case DATE -> raw instanceof LocalDate d ? d : Criteria.date(text);
            case CHOICE -> def.choices().stream().map(DirectoryField.Choice::code)
                    .filter(c -> c.equalsIgnoreCase(text)).findFirst().orElse(null);
        };
    }

    private static Integer capacity(List<DirectoryValidationException.Problem> problems, String field, Integer value) {
        if (value != null && (value < 0 || value > MAX_CAPACITY)) {
            problems.add(new DirectoryValidationException.Problem(field, "directory.error.capacity", MAX_CAPACITY));
            return null;
        }
        return value;
    }

    private static String text(List<DirectoryValidationException.Problem> problems, String field, String value, int max) {
        String v = blank(value);
        if (v != null && v.length() > max) {
            problems.add(new DirectoryValidationException.Problem(field, "directory.error.tooLong", max));
        }
        return v;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ---- import merge -----------------------------------------------------------------------------------------

    /** The stored details with only the named fields taken from the incoming record. */
    static EstablishmentDetails merge(EstablishmentDetails old, EstablishmentDetails in, Set<String> fields) {
        Set<String> f = fields == null ? Set.of() : fields;
        Map<String, Object> custom = new LinkedHashMap<>(old.custom() == null ? Map.of() : old.custom());
        for (String key : f) {
            if (key.startsWith(DirectoryFields.CUSTOM)) {
                String k = key.substring(DirectoryFields.CUSTOM.length());
                Object v = in.custom() == null ? null : in.custom().get(k);
                if (v == null) {
                    custom.remove(k);
                } else {
                    custom.put(k, v);
                }
            }
        }
        boolean org = f.contains("organisation") || f.contains("siren");
        return new EstablishmentDetails(
                org ? in.organisation() : old.organisation(), org || f.contains("main") ? in.main() : old.main(),
                pick(f, "name", old.name(), in.name()), pick(f, "legal_name", old.legalName(), in.legalName()),
                pick(f, "siret", old.siret(), in.siret()), pick(f, "vat_number", old.vatNumber(), in.vatNumber()),
                pick(f, "type", old.type(), in.type()),
                pick(f, "classification_scheme", old.classificationScheme(), in.classificationScheme()),
                pick(f, "classification_value", old.classificationValue(), in.classificationValue()),
                pick(f, "capacity_persons", old.capacityPersons(), in.capacityPersons()),
                pick(f, "capacity_rooms", old.capacityRooms(), in.capacityRooms()),
                pick(f, "capacity_pitches", old.capacityPitches(), in.capacityPitches()),
                pick(f, "contact_name", old.contactName(), in.contactName()),
                pick(f, "email", old.email(), in.email()), pick(f, "phone", old.phone(), in.phone()),
                pick(f, "website", old.website(), in.website()), pick(f, "contacts", old.contacts(), in.contacts()),
                pick(f, "street", old.street(), in.street()), pick(f, "postcode", old.postcode(), in.postcode()),
                pick(f, "city", old.city(), in.city()), pick(f, "country", old.country(), in.country()),
                pick(f, "latitude", old.latitude(), in.latitude()), pick(f, "longitude", old.longitude(), in.longitude()),
                custom);
    }

    private static <T> T pick(Set<String> fields, String key, T old, T incoming) {
        return fields.contains(key) ? incoming : old;
    }

    /** Keys of the fields that differ, for the audit trail (names of fields, never their values). */
    static List<String> changed(EstablishmentDetails a, EstablishmentDetails b) {
        List<String> out = new ArrayList<>();
        Establishment ea = new Establishment(new EstablishmentId(new UUID(0, 0)), 0, a, new java.util.TreeSet<>(), List.of(), false);
        Establishment eb = new Establishment(new EstablishmentId(new UUID(0, 0)), 0, b, new java.util.TreeSet<>(), List.of(), false);
        for (String key : DirectoryFields.STANDARD.keySet()) {
            if (!Objects.equals(DirectoryFields.valueOf(ea, key), DirectoryFields.valueOf(eb, key))) {
                out.add(key);
            }
        }
        if (!Objects.equals(a.organisation(), b.organisation())) {
            out.add("organisation");
        }
        if (!Objects.equals(a.latitude(), b.latitude()) || !Objects.equals(a.longitude(), b.longitude())) {
            out.add("coordinates");
        }
        if (!Objects.equals(a.contacts(), b.contacts())) {
            out.add("contacts");
        }
        Set<String> keys = new java.util.TreeSet<>();
        keys.addAll(a.custom() == null ? Set.of() : a.custom().keySet());
        keys.addAll(b.custom() == null ? Set.of() : b.custom().keySet());
        for (String k : keys) {
            if (!Objects.equals(a.custom() == null ? null : a.custom().get(k), b.custom() == null ? null : b.custom().get(k))) {
                out.add(DirectoryFields.CUSTOM + k);
            }
        }
        return out;
    }
}
