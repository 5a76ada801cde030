package eu.localeconomy.identifier;

import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;
import org.iban4j.Iban4jException;

/** An IBAN (ISO 13616), checked by iban4j, which knows every country's length and layout. */
public record Iban(String value) {

    static final String TYPE = "iban";

    public Iban {
        if (value == null || value.isEmpty()) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        try {
            IbanUtil.validate(value);
        } catch (InvalidCheckDigitException e) {
            throw new InvalidIdentifierException(TYPE, "checksum", e);
        } catch (UnsupportedCountryException e) {
            throw new InvalidIdentifierException(TYPE, "country", e);
        } catch (Iban4jException e) {
            throw new InvalidIdentifierException(TYPE, "format", e);
        }
    }

    /** Accepts the printed form in groups of four, lower case, dashes or dots. */
    public static Iban parse(String input) {
        return new Iban(Checks.compact(input));
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    public String countryCode() {
        return value.substring(0, 2);
    }

    /** {@code BE68 5390 0754 7034}. */
    public String formatted() {
        return Checks.groupsOfFour(value);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
