package eu.localeconomy.savings.register;

import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.savings.programme.ResidentIdentifier;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A field an import reads from a register file, with the header names (Dutch, French, English) it is guessed from.
 * The address fields are shared: the residence for the population register, the taxed dwelling for second homes.
 */
public enum RegisterField {
    HOUSEHOLD_ID(Set.of(Register.POPULATION), "household id", "household", "householdid", "huishouden", "huishoudnummer",
            "gezin", "gezinsnummer", "menage", "numero de menage", "n de menage", "no de menage", "nr huishouden", "nummer huishouden", "id menage", "id huishouden"),
    TAX_NUMBER(Set.of(Register.SECOND_HOME), "tax assessment number", "tax number", "assessment number", "article",
            "aanslagnummer", "artikelnummer", "artikel", "kohierartikel", "numero d avertissement-extrait de role",
            "numero d article", "article de role", "numero de taxation", "avertissement extrait de role"),
    STREET(Set.of(Register.POPULATION, Register.SECOND_HOME), "street", "straat", "straatnaam", "rue", "adresse rue",
            "taxed street", "belaste straat", "rue taxee"),
    HOUSE_NUMBER(Set.of(Register.POPULATION, Register.SECOND_HOME), "number", "house number", "huisnummer", "nummer", "nr",
            "numero", "n", "no", "taxed number"),
    BOX(Set.of(Register.POPULATION, Register.SECOND_HOME), "box", "bus", "busnummer", "boite", "bte", "bt"),
    POSTCODE(Set.of(Register.POPULATION, Register.SECOND_HOME), "postcode", "postal code", "zip", "code postal", "cp",
            "postnummer"),
    MUNICIPALITY(Set.of(Register.POPULATION, Register.SECOND_HOME), "municipality", "city", "town", "gemeente", "deelgemeente",
            "plaats", "woonplaats", "commune", "localite", "ville"),
    NRN(Set.of(Register.POPULATION), "national register number", "nrn", "niss", "insz", "rijksregisternummer",
            "rijksregister", "numero de registre national", "registre national", "national number", "ssin"),
    LAST_NAME(Set.of(Register.POPULATION), "last name", "surname", "family name", "naam", "achternaam", "familienaam",
            "nom", "nom de famille"),
    FIRST_NAME(Set.of(Register.POPULATION), "first name", "given name", "voornaam", "voornamen", "prenom", "prenoms"),
    BIRTH_DATE(Set.of(Register.POPULATION), "birth date", "date of birth", "dob", "geboortedatum", "date de naissance"),
    OWNER_NAME(Set.of(Register.SECOND_HOME), "owner name", "owner", "eigenaar", "naam eigenaar", "belastingplichtige",
            "proprietaire", "nom du proprietaire", "redevable", "contribuable", "name"),
    OWNER_LINE1(Set.of(Register.SECOND_HOME), "owner address", "owner address line 1", "postal address", "address line 1",
            "adres eigenaar", "adres", "adresregel 1", "adresse du proprietaire", "adresse", "ligne d adresse 1"),
    OWNER_LINE2(Set.of(Register.SECOND_HOME), "owner address line 2", "address line 2", "adresregel 2", "ligne d adresse 2",
            "complement d adresse"),
    OWNER_POSTCODE(Set.of(Register.SECOND_HOME), "owner postcode", "owner postal code", "postcode eigenaar",
            "code postal du proprietaire", "postal postcode"),
    OWNER_CITY(Set.of(Register.SECOND_HOME), "owner city", "owner town", "woonplaats eigenaar", "gemeente eigenaar",
            "localite du proprietaire", "ville du proprietaire", "postal city"),
    OWNER_COUNTRY(Set.of(Register.SECOND_HOME), "owner country", "country", "land", "land eigenaar", "pays",
            "pays du proprietaire");

    private final Set<Register> registers;
    private final List<String> synonyms;

    RegisterField(Set<Register> registers, String... synonyms) {
        this.registers = registers;
        this.synonyms = Arrays.stream(synonyms).map(RegisterField::normalise).toList();
    }

    /** The fields of a register's files, in the order of the mapping screen. */
    public static List<RegisterField> of(Register register) {
        return Arrays.stream(values()).filter(f -> f.registers.contains(register)).toList();
    }

    /**
     * Whether a file must provide the field. Where the tenant may not use national register numbers, the date of
     * birth identifies residents instead.
     */
    public boolean required(Register register, ResidentIdentifier identifier) {
        return switch (this) {
            case HOUSEHOLD_ID, TAX_NUMBER, STREET, HOUSE_NUMBER, POSTCODE, MUNICIPALITY, LAST_NAME, OWNER_NAME -> true;
            case NRN -> identifier == ResidentIdentifier.NATIONAL_REGISTER_NUMBER;
            case BIRTH_DATE -> identifier == ResidentIdentifier.BIRTH_DATE;
            default -> false;
        };
    }

    /** Whether the import may read the field at all: never the national register number without authorisation. */
    public boolean allowed(ResidentIdentifier identifier) {
        return this != NRN || identifier == ResidentIdentifier.NATIONAL_REGISTER_NUMBER;
    }

    /** Message key of the field's name. */
    public String labelKey() {
        return "register.field." + name();
    }

    boolean matches(String header) {
        return synonyms.contains(normalise(header));
    }

    /** Lower case, without accents, punctuation or repeated spaces: "N° de ménage" and "n de menage" compare equal. */
    static String normalise(String header) {
        String plain = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return plain.replaceAll("[^a-z0-9]+", " ").trim();
    }
}
