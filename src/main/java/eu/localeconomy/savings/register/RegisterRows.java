package eu.localeconomy.savings.register;

import eu.localeconomy.identifier.InvalidIdentifierException;
import eu.localeconomy.identifier.NationalRegisterNumber;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import org.apache.commons.csv.CSVRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates the rows of a register file and groups the valid ones into households: population rows by household id,
 * second-home rows one per tax assessment number. Deterministic, so a resumed import finds the same households in
 * the same order. Holds no clear national register number beyond the row being read.
 */
final class RegisterRows {

    private static final Pattern BELGIAN_POSTCODE = Pattern.compile("[1-9][0-9]{3}");
    private static final List<DateTimeFormatter> DATES = java.util.stream.Stream.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd/MM/uuuu"), DateTimeFormatter.ofPattern("d/M/uuuu"),
            DateTimeFormatter.ofPattern("dd-MM-uuuu"), DateTimeFormatter.ofPattern("dd.MM.uuuu"),
            DateTimeFormatter.ofPattern("uuuuMMdd")).map(f -> f.withResolverStyle(java.time.format.ResolverStyle.STRICT)).toList();
    private static final Map<String, String> COUNTRIES = countries();

    /** A validated adult (population) or owner (second home). */
    record Member(int row, String nrnHash, String nrnLast2, String firstName, String lastName, LocalDate birthDate) {

        /** How a re-import recognises the member: the number's hash, else name and date of birth. */
        String key() {
            return nrnHash != null ? "n:" + nrnHash
                    : "p:" + lower(firstName) + "|" + lower(lastName) + "|" + birthDate;
        }
    }

    /** A household as the file describes it, ready to be written. */
    record Household(String externalKey, String displayName, String street, String houseNumber, String box,
                     String postcode, String municipality, String postalName, String postalLine1, String postalLine2,
                     String postalPostcode, String postalCity, String postalCountry, String taxHash, String taxLast2,
                     List<Member> members, int rows) {

        /** Digest of everything the import writes for the household, to tell unchanged from updated. */
        String fingerprint(Object categoryId) {
            var text = new StringBuilder().append(categoryId);
            for (Object field : new Object[]{displayName, street, houseNumber, box, postcode, municipality, postalName,
                    postalLine1, postalLine2, postalPostcode, postalCity, postalCountry, taxHash, taxLast2}) {
                text.append('\u001f').append(field);
            }
            members.stream().sorted(Comparator.comparing(Member::key)).forEach(m -> text.append('\u001e')
                    .append(m.key()).append('\u001f').append(m.firstName()).append('\u001f').append(m.lastName())
                    .append('\u001f').append(m.birthDate()));
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The outcome: households sorted by external key, the errors in file order, and the row counts. */
    record Result(List<Household> households, List<ImportError> errors, int rows, int failedRows) {
    }

    private final Register register;
    private final ResidentIdentifier identifier;
    private final LocalDate referenceDate;
    private final Map<RegisterField, Integer> mapping;
    private final List<String> header;
    private final Function<NationalRegisterNumber, String> nrnHash;
    private final Function<String, String> taxHash;

    private final List<ImportError> errors = new ArrayList<>();
    private final Map<String, Integer> firstRowOfNrn = new HashMap<>();
    private final Map<String, Integer> firstRowOfTax = new HashMap<>();
    private final Map<String, Integer> firstRowOfPerson = new HashMap<>();
    private final Map<String, Builder> households = new LinkedHashMap<>();
    private int rows;
    private int failedRows;

    RegisterRows(Register register, ResidentIdentifier identifier, LocalDate referenceDate,
                 Map<RegisterField, Integer> mapping, List<String> header,
                 Function<NationalRegisterNumber, String> nrnHash, Function<String, String> taxHash) {
        this.register = register;
        this.identifier = identifier;
        this.referenceDate = referenceDate;
        this.mapping = mapping;
        this.header = header;
        this.nrnHash = nrnHash;
        this.taxHash = taxHash;
    }

    static Result read(String text, char delimiter, RegisterRows rows) throws RegisterFile.UnreadableException {
        RegisterFile.records(text, delimiter, rows::accept);
        return rows.result();
    }

    void accept(CSVRecord record) {
        rows++;
        var row = new Row((int) record.getRecordNumber(), record);
        if (register == Register.POPULATION) {
            population(row);
        } else {
            secondHome(row);
        }
        if (row.failed) {
            failedRows++;
        }
    }

    Result result() {
        List<Household> result = new ArrayList<>(households.size());
        new TreeMap<>(households).forEach((key, builder) -> result.add(builder.build(referenceDate)));
        return new Result(result, List.copyOf(errors), rows, failedRows);
    }

    private void population(Row row) {
        String household = row.required(RegisterField.HOUSEHOLD_ID, 128);
        String street = row.required(RegisterField.STREET, 200);
        String number = row.required(RegisterField.HOUSE_NUMBER, 16);
        String box = row.optional(RegisterField.BOX, 16);
        String postcode = row.postcode(RegisterField.POSTCODE);
        String municipality = row.required(RegisterField.MUNICIPALITY, 100);
        String lastName = row.required(RegisterField.LAST_NAME, 100);
        String firstName = row.optional(RegisterField.FIRST_NAME, 100);
        LocalDate birthDate = row.date(RegisterField.BIRTH_DATE, identifier == ResidentIdentifier.BIRTH_DATE);
        NationalRegisterNumber nrn = identifier == ResidentIdentifier.NATIONAL_REGISTER_NUMBER ? row.nrn() : null;
        if (row.failed) {
            return;
        }
        String hash = nrn == null ? null : nrnHash.apply(nrn);
        if (hash != null) {
            Integer first = firstRowOfNrn.putIfAbsent(hash, row.number);
            if (first != null) {
                row.error(RegisterField.NRN, mask(row.raw(RegisterField.NRN)), "register.reason.duplicateNrn", first);
                return;
            }
        } else {
            String person = household + "|" + lower(firstName) + "|" + lower(lastName) + "|" + birthDate;
            Integer first = firstRowOfPerson.putIfAbsent(person, row.number);
            if (first != null) {
                row.error(RegisterField.LAST_NAME, lastName, "register.reason.duplicatePerson", first);
                return;
            }
        }
        households.computeIfAbsent(household, key -> new Builder(key, street, number, box, postcode, municipality))
                .add(new Member(row.number, hash, nrn == null ? null : nrn.lastTwoDigits(), firstName, lastName, birthDate));
    }

    private void secondHome(Row row) {
        String taxNumber = row.required(RegisterField.TAX_NUMBER, 64);
        String normalised = taxNumber == null ? null : PersonalIdentifiers.normaliseTaxNumber(taxNumber);
        if (normalised != null && normalised.isEmpty()) {
            row.error(RegisterField.TAX_NUMBER, taxNumber, "register.reason.format", null);
        }
        String street = row.required(RegisterField.STREET, 200);
        String number = row.required(RegisterField.HOUSE_NUMBER, 16);
        String box = row.optional(RegisterField.BOX, 16);
        String postcode = row.postcode(RegisterField.POSTCODE);
        String municipality = row.required(RegisterField.MUNICIPALITY, 100);
        String owner = row.required(RegisterField.OWNER_NAME, 100);
        String line1 = row.optional(RegisterField.OWNER_LINE1, 200);
        String line2 = row.optional(RegisterField.OWNER_LINE2, 200);
        String postalPostcode = row.optional(RegisterField.OWNER_POSTCODE, 16);
        String city = row.optional(RegisterField.OWNER_CITY, 100);
        String country = row.country(RegisterField.OWNER_COUNTRY);
        boolean postal = line1 != null || line2 != null || postalPostcode != null || city != null || country != null;
        if (postal && line1 == null) {
            row.error(RegisterField.OWNER_LINE1, "", "register.reason.ownerAddressIncomplete", null);
        }
        if (postal && city == null) {
            row.error(RegisterField.OWNER_CITY, "", "register.reason.ownerAddressIncomplete", null);
        }
        if (row.failed) {
            return;
        }
        String hash = taxHash.apply(normalised);
        Integer first = firstRowOfTax.putIfAbsent(hash, row.number);
        if (first != null) {
            row.error(RegisterField.TAX_NUMBER, taxNumber, "register.reason.duplicateTaxNumber", first);
            return;
        }
        var builder = new Builder(hash, street, number, box, postcode, municipality);
        builder.taxHash = hash;
        builder.taxLast2 = PersonalIdentifiers.lastTwo(normalised);
        builder.ownerName = owner;
        if (postal) {
            builder.postal = new String[]{owner, line1, line2, postalPostcode, city, country == null ? "BE" : country};
        }
        builder.add(new Member(row.number, null, null, null, owner, null));
        households.put(hash, builder);
    }

    /** Keeps the separators and the last two digits of what was typed: {@code **.**.**-***.28}. */
    static String mask(String typed) {
        if (typed == null) {
            return "";
        }
        var masked = new StringBuilder(typed.length());
        int keep = 2;
        for (int i = typed.length() - 1; i >= 0; i--) {
            char c = typed.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                masked.append(keep-- > 0 ? c : '*');
            } else {
                masked.append(c);
            }
        }
        return masked.reverse().toString();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** One row being read: its values by field, and whether a check failed. */
    private final class Row {
        final int number;
        final CSVRecord record;
        boolean failed;

        Row(int number, CSVRecord record) {
            this.number = number;
            this.record = record;
        }

        String raw(RegisterField field) {
            Integer column = mapping.get(field);
            if (column == null || column >= record.size()) {
                return null;
            }
            String value = record.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        String required(RegisterField field, int maxLength) {
            String value = raw(field);
            if (value == null) {
                error(field, "", "register.reason.required", null);
                return null;
            }
            return length(field, value, maxLength);
        }

        String optional(RegisterField field, int maxLength) {
            String value = raw(field);
            return value == null ? null : length(field, value, maxLength);
        }

        private String length(RegisterField field, String value, int maxLength) {
            if (value.length() > maxLength) {
                error(field, value, "register.reason.tooLong", String.valueOf(maxLength));
                return null;
            }
            return value;
        }

        String postcode(RegisterField field) {
            String value = required(field, 16);
            if (value != null && !BELGIAN_POSTCODE.matcher(value).matches()) {
                error(field, value, "register.reason.postcode", null);
                return null;
            }
            return value;
        }

        LocalDate date(RegisterField field, boolean required) {
            String value = required ? required(field, 32) : optional(field, 32);
            if (value == null) {
                return null;
            }
            for (DateTimeFormatter format : DATES) {
                try {
                    LocalDate date = LocalDate.parse(value, format);
                    if (date.isAfter(referenceDate) || date.getYear() < 1880) {
                        error(field, value, "register.reason.dateOutOfRange", null);
                        return null;
                    }
                    return date;
                } catch (DateTimeParseException next) {
                    // try the next accepted format
                }
            }
            error(field, value, "register.reason.date", null);
            return null;
        }

        NationalRegisterNumber nrn() {
            String value = raw(RegisterField.NRN);
            if (value == null) {
                error(RegisterField.NRN, "", "register.reason.required", null);
                return null;
            }
            try {
                return NationalRegisterNumber.parse(value);
            } catch (InvalidIdentifierException e) {
                error(RegisterField.NRN, mask(value), "register.reason." + e.messageKey(), null);
                return null;
            }
        }

        String country(RegisterField field) {
            String value = raw(field);
            if (value == null) {
                return null;
            }
            String code = COUNTRIES.get(RegisterField.normalise(value));
            if (code == null) {
                error(field, value, "register.reason.country", null);
            }
            return code;
        }

        void error(RegisterField field, String value, String reasonKey, Object argument) {
            failed = true;
            Integer column = mapping.get(field);
            String columnName = column != null && column < header.size() ? header.get(column) : "";
            errors.add(new ImportError(number, columnName, value == null ? "" : value, reasonKey,
                    argument == null ? null : argument.toString()));
        }
    }

    /** Collects the rows of one household; the first valid row gives the address. */
    private static final class Builder {
        final String externalKey;
        final String street;
        final String number;
        final String box;
        final String postcode;
        final String municipality;
        final List<Member> members = new ArrayList<>(4);
        String taxHash;
        String taxLast2;
        String ownerName;
        String[] postal;

        Builder(String externalKey, String street, String number, String box, String postcode, String municipality) {
            this.externalKey = externalKey;
            this.street = street;
            this.number = number;
            this.box = box;
            this.postcode = postcode;
            this.municipality = municipality;
        }

        void add(Member member) {
            members.add(member);
        }

        Household build(LocalDate referenceDate) {
            String[] p = postal == null ? new String[6] : postal;
            return new Household(externalKey, ownerName != null ? ownerName : displayName(referenceDate), street, number,
                    box, postcode, municipality, p[0], p[1], p[2], p[3], p[4], p[5], taxHash, taxLast2,
                    List.copyOf(members), members.size());
        }

        /** "First Last" of the first adult at the reference date (everyone counts when no birth date is known). */
        private String displayName(LocalDate referenceDate) {
            Member chosen = members.stream()
                    .filter(m -> m.birthDate() == null || !m.birthDate().plusYears(18).isAfter(referenceDate))
                    .findFirst().orElse(members.getFirst());
            String name = chosen.firstName() == null ? chosen.lastName() : chosen.firstName() + " " + chosen.lastName();
            return name.length() > 200 ? name.substring(0, 200) : name;
        }
    }

    private static Map<String, String> countries() {
        Map<String, String> names = new HashMap<>();
        String[][] table = {
                {"BE", "belgium", "belgique", "belgie", "belgien"},
                {"NL", "netherlands", "the netherlands", "nederland", "pays bas", "niederlande", "holland"},
                {"FR", "france", "frankrijk", "frankreich"},
                {"DE", "germany", "allemagne", "duitsland", "deutschland"},
                {"LU", "luxembourg", "luxemburg"},
                {"GB", "united kingdom", "royaume uni", "verenigd koninkrijk", "uk", "great britain"},
                {"CH", "switzerland", "suisse", "zwitserland", "schweiz"},
                {"ES", "spain", "espagne", "spanje", "espana"},
                {"IT", "italy", "italie", "italia"},
                {"US", "united states", "etats unis", "verenigde staten", "usa"}};
        for (String[] row : table) {
            for (String name : row) {
                names.put(RegisterField.normalise(name), row[0]);
            }
        }
        for (String code : Locale.getISOCountries()) {
            names.putIfAbsent(code.toLowerCase(Locale.ROOT), code);
        }
        return Map.copyOf(names);
    }
}
