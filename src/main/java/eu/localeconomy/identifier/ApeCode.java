package eu.localeconomy.identifier;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** French activity code (APE, from the NAF nomenclature): four digits and a letter, canonical {@code 62.02A}. */
public record ApeCode(String value) {

    static final String TYPE = "ape";
    private static final Pattern CANONICAL = Pattern.compile("\\d{2}\\.\\d{2}[A-Z]");
    // The dot is the separator of the canonical form, so it is matched here rather than stripped.
    private static final Pattern INPUT = Pattern.compile("(\\d{2})\\.?(\\d{2})([A-Z])");

    public ApeCode {
        if (value == null || !CANONICAL.matcher(value).matches()) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
    }

    /** Accepts {@code 62.02A}, {@code 6202A}, {@code 62.02 a}. */
    public static ApeCode parse(String input) {
        String s = input == null ? "" : input.replaceAll("[\\s\\u00A0]", "").toUpperCase(Locale.ROOT);
        Matcher m = INPUT.matcher(s);
        if (!m.matches()) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        return new ApeCode(m.group(1) + "." + m.group(2) + m.group(3));
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** {@code 62.02A}, the form INSEE prints. */
    public String formatted() {
        return value;
    }

    /** {@code 6202A}, as some registers and files carry it. */
    public String compact() {
        return value.replace(".", "");
    }

    @Override
    public String toString() {
        return value;
    }
}
