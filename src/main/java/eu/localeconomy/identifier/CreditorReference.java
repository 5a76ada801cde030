package eu.localeconomy.identifier;

import java.util.regex.Pattern;

/**
 * ISO 11649 structured creditor reference: {@code RF}, two check digits and 1 to 21 letters or digits. In a
 * SEPA file it goes under {@code CdtrRefInf} with type {@code SCOR} and issuer {@code ISO}.
 */
public record CreditorReference(String value) {

    static final String TYPE = "rf";
    private static final Pattern FORMAT = Pattern.compile("RF\\d{2}[A-Z0-9]{1,21}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Z0-9]{1,21}");

    public CreditorReference {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        // Same mod 97-10 as the IBAN: the first four characters moved to the end.
        if (Checks.mod97(value.substring(4) + value.substring(0, 4)) != 1) {
            throw new InvalidIdentifierException(TYPE, "checksum");
        }
    }

    /** Accepts {@code RF18 5390 0754 7034}, lower case too. */
    public static CreditorReference parse(String input) {
        return new CreditorReference(Checks.compact(input));
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** The creditor reference for one's own reference (1 to 21 letters or digits), adding the check digits. */
    public static CreditorReference create(String reference) {
        String ref = Checks.compact(reference);
        if (!REFERENCE.matcher(ref).matches()) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        int check = 98 - Checks.mod97(ref + "RF00");
        return new CreditorReference(String.format("RF%02d%s", check, ref));
    }

    /** The reference without {@code RF} and the check digits. */
    public String reference() {
        return value.substring(4);
    }

    /** {@code RF18 5390 0754 7034}. */
    public String formatted() {
        return Checks.groupsOfFour(value);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
