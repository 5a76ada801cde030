package eu.localeconomy.identifier;

import java.util.regex.Pattern;

/**
 * French intra-community VAT number: {@code FR}, a two-character key and the SIREN. A numeric key is checked;
 * newer numbers may carry an alphanumeric key whose algorithm is not published, so those pass on format alone.
 */
public record FrenchVatNumber(String value) {

    static final String TYPE = "vat-fr";
    private static final Pattern FORMAT = Pattern.compile("FR[0-9A-Z]{2}\\d{9}");

    public FrenchVatNumber {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        String key = value.substring(2, 4);
        if (Checks.digits(key, 2) && Integer.parseInt(key) != key(value.substring(4))) {
            throw new InvalidIdentifierException(TYPE, "checksum");
        }
    }

    /** Accepts {@code FR 83 404 833 048}, lower case, dots and dashes. */
    public static FrenchVatNumber parse(String input) {
        return new FrenchVatNumber(Checks.compact(input));
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** The VAT number with the numeric key for a company. */
    public static FrenchVatNumber forSiren(Siren siren) {
        return new FrenchVatNumber(String.format("FR%02d%s", key(siren.value()), siren.value()));
    }

    /** The nine SIREN digits (not re-checked: an alphanumeric-key number is accepted on format alone). */
    public String sirenDigits() {
        return value.substring(4);
    }

    /** {@code FR 83 404 833 048}. */
    public String formatted() {
        String s = sirenDigits();
        return "FR " + value.substring(2, 4) + " " + s.substring(0, 3) + " " + s.substring(3, 6) + " "
                + s.substring(6);
    }

    @Override
    public String toString() {
        return value;
    }

    private static int key(String siren) {
        return (int) ((12 + 3 * (Long.parseLong(siren) % 97)) % 97);
    }
}
