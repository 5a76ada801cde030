package eu.localeconomy.membership.sync;

import eu.localeconomy.directory.DirectoryField;
import eu.localeconomy.directory.EstablishmentDetails;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.directory.FieldType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one feed record (or CSV row) into establishment details through the mappings. Pure: the same record and
 * mappings give the same details and the same content hash, which is how an unchanged record is recognised.
 */
public final class RecordMapper {

    /** Something in a record that cannot be imported: the target field, a message key and the value read. */
    public record Problem(String field, String messageKey, String value) {
    }

    /**
     * A mapped record. {@code fields} are the targets the record carried (the only ones an update overwrites);
     * {@code problems} not empty means the record is not imported.
     */
    public record Mapped(String externalId, String name, Instant updated, EstablishmentDetails details,
                         Set<String> fields, Map<String, Object> values, String hash, List<Problem> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }

        /** Seasons the source says the establishment was a member (target {@code member_seasons}), oldest first. */
        @SuppressWarnings("unchecked")
        public List<Integer> seasons() {
            return values.get(SEASONS) instanceof List<?> list ? (List<Integer>) list : List.of();
        }
    }

    /** Target of membership seasons: recorded through the directory's memberships, not a field of the details. */
    public static final String SEASONS = "member_seasons";
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)");

    /** Keys of the standard fields an import may write. */
    static final Set<String> STANDARD = Set.of("name", "legal_name", "siret", "vat_number", "type",
            "classification_scheme", "classification_value", "capacity_persons", "capacity_rooms", "capacity_pitches",
            "contact_name", "email", "phone", "website", "street", "postcode", "city", "country", "latitude",
            "longitude", Transform.CONTACTS, SEASONS);

    private static final Pattern DIGITS = Pattern.compile("(\\d+)");
    private static final Pattern POSTCODE = Pattern.compile("\\d{5}");
    private static final Map<String, EstablishmentType> TYPE_WORDS = typeWords();

    private final List<FieldMapping> mappings;
    private final Map<String, DirectoryField> fields;
    private final String idSource;
    private final String nameSource;
    private final boolean tourinsoft;

    /**
     * @param fields the tenant's directory fields by key (custom ones as {@code custom.<key>})
     * @param idSource the field holding the external id ({@code SyndicObjectID} for Tourinsoft, a column for CSV)
     * @param tourinsoft read the fixed Tourinsoft fields (name, Updated, coordinates) besides the mappings
     */
    public RecordMapper(List<FieldMapping> mappings, Map<String, DirectoryField> fields, String idSource,
                        boolean tourinsoft) {
        this.mappings = List.copyOf(mappings);
        this.fields = Map.copyOf(fields);
        this.idSource = idSource;
        this.nameSource = tourinsoft ? "SyndicObjectName" : null;
        this.tourinsoft = tourinsoft;
    }

    public static RecordMapper tourinsoft(MappingProfile profile, Map<String, DirectoryField> fields) {
        return new RecordMapper(profile.mappings(), fields, "SyndicObjectID", true);
    }

    public Mapped map(Map<String, ?> record) {
        Map<String, Object> values = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        String externalId = text(record.get(idSource));
        Instant updated = null;
        if (tourinsoft) {
            values.put("name", text(record.get(nameSource)));
            updated = TourinsoftFeed.instant(record.get("Updated"));
            BigDecimal latitude = decimal(text(record.get("GmapLatitude")));
            BigDecimal longitude = decimal(text(record.get("GmapLongitude")));
            // Both or neither: the directory keeps no half position; a record without one keeps the office's.
            if (latitude != null && longitude != null && latitude.abs().compareTo(BigDecimal.valueOf(90)) <= 0
                    && longitude.abs().compareTo(BigDecimal.valueOf(180)) <= 0
                    && (latitude.signum() != 0 || longitude.signum() != 0)) {
                values.put("latitude", latitude.setScale(6, java.math.RoundingMode.HALF_UP));
                values.put("longitude", longitude.setScale(6, java.math.RoundingMode.HALF_UP));
            }
        }
        for (FieldMapping mapping : mappings) {
            if (!record.containsKey(mapping.source())) {
                continue; // a field the feed does not carry leaves what the directory holds
            }
            apply(mapping, text(record.get(mapping.source())), values, problems);
        }
        if (externalId == null) {
            problems.add(new Problem("external_id", "membership.sync.problem.noId", null));
        }
        String name = (String) values.get("name");
        if (name == null) {
            problems.add(new Problem("name", "membership.sync.problem.noName", null));
        } else if (name.length() > 200) {
            problems.add(new Problem("name", "membership.sync.problem.tooLong", name.substring(0, 40)));
        }
        Set<String> targets = new TreeSet<>(values.keySet());
        targets.remove(SEASONS);
        return new Mapped(externalId, name, updated, details(values), targets, values, hash(values), List.copyOf(problems));
    }

    private void apply(FieldMapping mapping, String raw, Map<String, Object> values, List<Problem> problems) {
        String target = mapping.target();
        switch (mapping.transform()) {
            case MULTI -> {
                if (Transform.ADDRESS.equals(target)) {
                    address(raw, values);
                } else {
                    contacts(raw, values);
                }
                return;
            }
            case CLASSIFICATION -> {
                classification(raw, mapping.options(), values);
                return;
            }
            default -> {
            }
        }
        if (!STANDARD.contains(target) && !fields.containsKey(target)) {
            return; // a profile row whose custom field was deleted since: nothing to write
        }
        if (SEASONS.equals(target)) {
            // "2025#2026", "Adhérent 2024 | 2025": every year named; an empty value names none.
            TreeSet<Integer> seasons = new TreeSet<>();
            Matcher years = YEAR.matcher(raw == null ? "" : raw);
            while (years.find()) {
                int year = Integer.parseInt(years.group(1));
                if (year < 1990 || year > 2200) {
                    problems.add(new Problem(target, "membership.sync.problem.season", years.group(1)));
                    return;
                }
                seasons.add(year);
            }
            values.put(target, List.copyOf(seasons));
            return;
        }
        if (raw == null) {
            values.put(target, null);
            return;
        }
        Object value = switch (mapping.transform()) {
            case TEXT -> raw;
            case INTEGER -> integer(raw);
            case DECIMAL -> decimal(raw);
            case BOOLEAN -> bool(raw);
            case DATE -> TourinsoftFeed.date(raw);
            case TYPE -> type(raw, mapping.options());
            default -> raw;
        };
        if (value == null) {
            problems.add(new Problem(target, "membership.sync.problem." + mapping.transform().name().toLowerCase(Locale.ROOT), raw));
            return;
        }
        DirectoryField field = fields.get(target);
        if (target.startsWith("custom.") && field != null) {
            value = customValue(field, value);
            if (value == null) {
                problems.add(new Problem(target, "membership.sync.problem.choice", raw));
                return;
            }
        } else if (target.startsWith("capacity_") && !(value instanceof BigDecimal)) {
            problems.add(new Problem(target, "membership.sync.problem.integer", raw));
            return;
        }
        values.put(target, value);
    }

    /** Custom values as the directory holds them: numbers as BigDecimal, choices as their code, text as text. */
    private static Object customValue(DirectoryField field, Object value) {
        if (field.type() == FieldType.NUMBER && value instanceof String s) {
            return decimal(s);
        }
        if (field.type() == FieldType.CHOICE) {
            String text = String.valueOf(value);
            for (DirectoryField.Choice choice : field.choices()) {
                if (choice.code().equalsIgnoreCase(text) || choice.labels().values().stream()
                        .anyMatch(label -> fold(label).equals(fold(text)))) {
                    return choice.code();
                }
            }
            return null;
        }
        if (field.type() == FieldType.TEXT && !(value instanceof String)) {
            return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
        }
        return value;
    }

    private static BigDecimal integer(String raw) {
        BigDecimal value = decimal(raw);
        if (value == null || value.signum() < 0 || value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            return null;
        }
        return new BigDecimal(value.toBigInteger());
    }

    static BigDecimal decimal(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.replace('\u00a0', ' ').replace(" ", "").replace(',', '.');
        if (s.isEmpty() || s.length() > 30) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Boolean bool(String raw) {
        return switch (fold(raw)) {
            case "oui", "true", "1", "yes", "ja", "vrai", "o", "y", "x" -> Boolean.TRUE;
            case "non", "false", "0", "no", "nee", "faux", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The options' mapping first, then the usual words in French, Dutch and English; anything else is OTHER. */
    static EstablishmentType type(String raw, String options) {
        String key = fold(raw);
        for (String pair : options.split(";")) {
            int eq = pair.lastIndexOf('=');
            if (eq > 0 && fold(pair.substring(0, eq)).equals(key)) {
                try {
                    return EstablishmentType.valueOf(pair.substring(eq + 1).strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    break;
                }
            }
        }
        for (EstablishmentType type : EstablishmentType.values()) {
            if (fold(type.name()).equals(key)) {
                return type;
            }
        }
        return TYPE_WORDS.getOrDefault(key, EstablishmentType.OTHER);
    }

    /**
     * "3 étoiles", "***", "3*", "2 épis", "3 clés", "Palace": a scheme (épis and clés name their own, else the
     * options' scheme, PREFECTORAL by default) and a value. "Non classé" and blanks clear the classification.
     */
    static String[] classification(String raw) {
        return classification(raw, "");
    }

    static String[] classification(String raw, String defaultScheme) {
        String scheme = defaultScheme == null || defaultScheme.isBlank() ? "PREFECTORAL" : defaultScheme.strip();
        if (raw == null) {
            return null;
        }
        String folded = fold(raw);
        if (folded.isEmpty() || folded.startsWith("non class") || folded.startsWith("sans") || folded.equals("nc")) {
            return null;
        }
        if (folded.contains("epi")) {
            scheme = "GITES_DE_FRANCE";
        } else if (folded.contains("cle")) {
            scheme = "CLEVACANCES";
        }
        if (folded.contains("palace")) {
            return new String[]{scheme, "PALACE"};
        }
        Matcher digits = DIGITS.matcher(folded);
        if (digits.find()) {
            return new String[]{scheme, digits.group(1)};
        }
        long stars = raw.chars().filter(c -> c == '*' || c == '★').count();
        if (stars > 0) {
            return new String[]{scheme, String.valueOf(stars)};
        }
        return new String[]{scheme, raw.strip().length() > 60 ? raw.strip().substring(0, 60) : raw.strip()};
    }

    private static void classification(String raw, String options, Map<String, Object> values) {
        String[] read = classification(raw, options);
        values.put("classification_scheme", read == null ? null : read[0]);
        values.put("classification_value", read == null ? null : read[1]);
    }

    /**
     * "Téléphone filaire|02 31 00 00 00#Mél|contact@x.fr#Site web (URL)|https://…": every item a contact, the first
     * phone, e-mail and website also in their own fields.
     */
    static List<EstablishmentDetails.Contact> contacts(String raw) {
        List<EstablishmentDetails.Contact> contacts = new ArrayList<>();
        if (raw == null) {
            return contacts;
        }
        for (String item : raw.split("#")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.split("\\|", -1);
            String label = parts.length > 1 ? parts[0].strip() : "";
            String value = (parts.length > 1 ? parts[1] : parts[0]).strip();
            if (value.isEmpty()) {
                continue;
            }
            contacts.add(new EstablishmentDetails.Contact(contactKind(label, value), label.isEmpty() ? null : label, value));
        }
        return contacts;
    }

    private static void contacts(String raw, Map<String, Object> values) {
        List<EstablishmentDetails.Contact> contacts = contacts(raw);
        values.put(Transform.CONTACTS, List.copyOf(contacts));
        values.put("phone", first(contacts, "PHONE"));
        values.put("email", first(contacts, "EMAIL"));
        values.put("website", first(contacts, "WEBSITE"));
    }

    private static String first(List<EstablishmentDetails.Contact> contacts, String kind) {
        return contacts.stream().filter(c -> c.kind().equals(kind)).map(EstablishmentDetails.Contact::value)
                .findFirst().orElse(null);
    }

    static String contactKind(String label, String value) {
        String l = fold(label);
        if (l.contains("fax") || l.contains("telecopi")) {
            return "FAX";
        }
        if (l.contains("mel") || l.contains("mail") || l.contains("courriel")) {
            return "EMAIL";
        }
        if (l.contains("site") || l.contains("web") || l.contains("url")) {
            return "WEBSITE";
        }
        if (l.contains("tel") || l.contains("mobile") || l.contains("portable") || l.contains("phone")) {
            return "PHONE";
        }
        if (l.isEmpty()) {
            if (value.contains("@")) {
                return "EMAIL";
            }
            if (value.startsWith("http://") || value.startsWith("https://") || value.startsWith("www.")) {
                return "WEBSITE";
            }
            if (value.matches("[+0-9 .()-]{6,}")) {
                return "PHONE";
            }
        }
        return "OTHER";
    }

    /**
     * "Rue de la Bruyère|||28400|NOGENT-LE-ROTROU|28280": the lines before the five-digit postcode are the street,
     * the part after it the city (the INSEE code that may follow is not an address).
     */
    static String[] address(String raw) {
        if (raw == null) {
            return new String[]{null, null, null};
        }
        String[] parts = raw.split("\\|", -1);
        int postcode = -1;
        for (int i = 0; i < parts.length; i++) {
            if (POSTCODE.matcher(parts[i].strip()).matches()) {
                postcode = i;
                break;
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < (postcode < 0 ? 1 : postcode); i++) {
            if (!parts[i].isBlank()) {
                lines.add(parts[i].strip());
            }
        }
        String street = lines.isEmpty() ? null : String.join(", ", lines);
        String code = postcode < 0 ? null : parts[postcode].strip();
        String city = postcode < 0 || postcode + 1 >= parts.length || parts[postcode + 1].isBlank()
                ? null : parts[postcode + 1].strip();
        return new String[]{street, code, city};
    }

    private static void address(String raw, Map<String, Object> values) {
        String[] address = address(raw);
        values.put("street", address[0]);
        values.put("postcode", address[1]);
        values.put("city", address[2]);
    }

    @SuppressWarnings("unchecked")
    private static EstablishmentDetails details(Map<String, Object> v) {
        Map<String, Object> custom = new LinkedHashMap<>();
        v.forEach((key, value) -> {
            if (key.startsWith("custom.") && value != null) {
                custom.put(key.substring("custom.".length()), value);
            }
        });
        Object type = v.get("type");
        return new EstablishmentDetails(null, true, (String) v.get("name"), (String) v.get("legal_name"),
                siret((String) v.get("siret")), (String) v.get("vat_number"),
                type instanceof EstablishmentType t ? t : EstablishmentType.OTHER,
                (String) v.get("classification_scheme"), (String) v.get("classification_value"),
                intValue(v.get("capacity_persons")), intValue(v.get("capacity_rooms")), intValue(v.get("capacity_pitches")),
                (String) v.get("contact_name"), (String) v.get("email"), (String) v.get("phone"), (String) v.get("website"),
                v.get(Transform.CONTACTS) instanceof List<?> l ? (List<EstablishmentDetails.Contact>) l : List.of(),
                (String) v.get("street"), (String) v.get("postcode"), (String) v.get("city"),
                v.get("country") instanceof String c ? c : "FR",
                (BigDecimal) v.get("latitude"), (BigDecimal) v.get("longitude"), custom);
    }

    private static String siret(String raw) {
        return raw == null ? null : raw.replaceAll("[\\s.]", "");
    }

    private static Integer intValue(Object value) {
        return value instanceof BigDecimal d ? d.intValueExact() : null;
    }

    /** SHA-256 over the mapped values in key order: equal values give an equal hash, whatever the feed's order. */
    static String hash(Map<String, Object> values) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(values).forEach((key, value) -> canonical.append(key).append('\u001f')
                .append(canonical(value)).append('\u001e'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "\u0000";
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Collection<?> c) {
            StringBuilder out = new StringBuilder("[");
            c.forEach(item -> out.append(canonical(item)).append('\u001d'));
            return out.append(']').toString();
        }
        if (value instanceof EstablishmentDetails.Contact contact) {
            return contact.kind() + "|" + contact.label() + "|" + contact.value();
        }
        if (value instanceof LocalDate || value instanceof Enum<?> || value instanceof Boolean || value instanceof String) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    /** Text of a feed value, stripped; null for null, blank and nested objects. */
    static String text(Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return null;
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    /** Lower case without accents and surrounding blanks: how labels and words are compared. */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip();
    }

    private static Map<String, EstablishmentType> typeWords() {
        Map<String, EstablishmentType> words = new java.util.HashMap<>();
        for (String w : List.of("hotel", "hotels", "hotellerie", "hôtel")) {
            words.put(fold(w), EstablishmentType.HOTEL);
        }
        for (String w : List.of("camping", "campings", "hotellerie de plein air", "camping-car", "kampeerterrein")) {
            words.put(fold(w), EstablishmentType.CAMPSITE);
        }
        for (String w : List.of("meuble", "meubles", "location", "locations", "gite", "gites", "chambre d'hotes",
                "chambres d'hotes", "rental", "vakantiewoning")) {
            words.put(fold(w), EstablishmentType.RENTAL);
        }
        for (String w : List.of("hebergement collectif", "hebergements collectifs", "group lodging", "groepsverblijf")) {
            words.put(fold(w), EstablishmentType.GROUP_LODGING);
        }
        for (String w : List.of("restaurant", "restaurants", "restauration")) {
            words.put(fold(w), EstablishmentType.RESTAURANT);
        }
        for (String w : List.of("activite", "activites", "loisirs", "activity", "activiteit")) {
            words.put(fold(w), EstablishmentType.ACTIVITY);
        }
        for (String w : List.of("lieu", "salle", "venue", "locatie", "sites et monuments")) {
            words.put(fold(w), EstablishmentType.VENUE);
        }
        for (String w : List.of("commerce", "commerces", "boutique", "shop", "winkel")) {
            words.put(fold(w), EstablishmentType.SHOP);
        }
        for (String w : List.of("autre", "other", "andere")) {
            words.put(fold(w), EstablishmentType.OTHER);
        }
        return Map.copyOf(words);
    }
}
