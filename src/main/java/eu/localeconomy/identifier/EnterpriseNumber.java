package eu.localeconomy.identifier;

/**
 * Belgian enterprise number (KBO/BCE), ten digits starting with 0 or 1; the Belgian VAT number is the same
 * number behind {@code BE}.
 */
public record EnterpriseNumber(String value) {

    static final String TYPE = "enterprise";

    public EnterpriseNumber {
        if (value == null || !Checks.digits(value, 10) || value.charAt(0) > '1') {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        long base = Long.parseLong(value.substring(0, 8));
        if (Integer.parseInt(value.substring(8)) != 97 - base % 97) {
            throw new InvalidIdentifierException(TYPE, "checksum");
        }
    }

    /** Accepts {@code 0403.019.261}, {@code 0403 019 261}, {@code BE0403019261}, {@code BE 0403.019.261}. */
    public static EnterpriseNumber parse(String input) {
        String s = Checks.compact(input);
        if (s.startsWith("BE")) {
            s = s.substring(2);
        }
        // Numbers issued before 2005 were printed with nine digits; they gained a leading 0.
        if (Checks.digits(s, 9)) {
            s = "0" + s;
        }
        return new EnterpriseNumber(s);
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** {@code 0403.019.261}. */
    public String formatted() {
        return value.substring(0, 4) + "." + value.substring(4, 7) + "." + value.substring(7);
    }

    /** {@code BE0403019261}. */
    public String vatNumber() {
        return "BE" + value;
    }

    @Override
    public String toString() {
        return formatted();
    }
}
