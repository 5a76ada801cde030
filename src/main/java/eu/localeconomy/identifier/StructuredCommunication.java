package eu.localeconomy.identifier;

/**
 * Belgian structured communication for transfers (OGM/VCS), printed {@code +++ddd/dddd/ddddd+++}: ten free
 * digits and two check digits. In a SEPA file it goes under {@code CdtrRefInf} with type {@code SCOR} and
 * issuer {@code BBA}, as the twelve digits of {@link #value()}.
 */
public record StructuredCommunication(String value) {

    static final String TYPE = "ogm";
    private static final long MAX_BASE = 9_999_999_999L;

    public StructuredCommunication {
        if (value == null || !Checks.digits(value, 12)) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        if (Integer.parseInt(value.substring(10)) != check(Long.parseLong(value.substring(0, 10)))) {
            throw new InvalidIdentifierException(TYPE, "checksum");
        }
    }

    /** Accepts {@code +++010/8068/17183+++}, {@code ***010/8068/17183***}, bare digits, spaces and dots. */
    public static StructuredCommunication parse(String input) {
        String s = Checks.compact(input);
        // The pluses (or asterisks some banks print) frame the number; they are not part of it.
        s = s.replace("+", "").replace("*", "");
        return new StructuredCommunication(s);
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** The communication for ten free digits (e.g. an invoice or member number), with its check digits. */
    public static StructuredCommunication of(long base) {
        if (base < 0 || base > MAX_BASE) {
            throw new IllegalArgumentException("a structured communication carries 0 to 9999999999");
        }
        return new StructuredCommunication(String.format("%010d%02d", base, check(base)));
    }

    /** {@code +++010/8068/17183+++}. */
    public String formatted() {
        return "+++" + value.substring(0, 3) + "/" + value.substring(3, 7) + "/" + value.substring(7) + "+++";
    }

    @Override
    public String toString() {
        return formatted();
    }

    /** The plain remainder, 97 for 0 — not 97 minus the remainder as for the NRN (a classic bug). */
    private static int check(long base) {
        int r = (int) (base % 97);
        return r == 0 ? 97 : r;
    }
}
