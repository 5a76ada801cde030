package eu.localeconomy.identifier;

import java.util.Locale;
import java.util.regex.Pattern;

/** Shared arithmetic and normalisation for the identifier records. */
final class Checks {

    /** Separators people print inside identifiers; non-breaking spaces come from copy-pasted PDFs. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0.\\-/]");

    private Checks() {
    }

    /** Drops the usual separators and upper-cases; {@code null} becomes empty so it fails the format check. */
    static String compact(String input) {
        return input == null ? "" : SEPARATORS.matcher(input).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /**
     * ISO 7064 mod 97 of a string of digits and letters, letters counting as two digits (A=10 … Z=35), as for
     * IBANs and creditor references. Works on any length without a BigInteger.
     */
    static int mod97(CharSequence s) {
        int r = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                r = (r * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                r = (r * 100 + (c - 'A' + 10)) % 97;
            } else {
                throw new IllegalArgumentException("not alphanumeric");
            }
        }
        return r;
    }

    /** Luhn (mod 10) over a string of digits. */
    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    static boolean digits(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Splits into groups of four separated by spaces, the printed form of IBANs and RF references. */
    static String groupsOfFour(String s) {
        StringBuilder b = new StringBuilder(s.length() + s.length() / 4);
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                b.append(' ');
            }
            b.append(s.charAt(i));
        }
        return b.toString();
    }
}
