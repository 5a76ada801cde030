package eu.localeconomy.identifier;

/** French company number (SIREN): nine digits with a Luhn check. */
public record Siren(String value) {

    static final String TYPE = "siren";

    public Siren {
        if (value == null || !Checks.digits(value, 9)) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        if (!Checks.luhn(value)) {
            throw new InvalidIdentifierException(TYPE, "checksum");
        }
    }

    /** Accepts {@code 404 833 048}, {@code 404.833.048}, {@code 404833048}. */
    public static Siren parse(String input) {
        return new Siren(Checks.compact(input));
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** {@code 404 833 048}. */
    public String formatted() {
        return value.substring(0, 3) + " " + value.substring(3, 6) + " " + value.substring(6);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
