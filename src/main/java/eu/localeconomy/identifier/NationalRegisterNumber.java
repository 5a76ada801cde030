package eu.localeconomy.identifier;

/**
 * Belgian identification number of a person (INSZ/NISS): either a national register number (NRN) or a BIS
 * number, both {@code YYMMDD XXX CC}. A BIS number adds 20 (sex unknown) or 40 (sex known) to the month.
 * <p>
 * The date is not checked against a calendar: month and day 00 mean unknown, and real numbers carry days past
 * the month's end. This is personal data: {@link #toString()} masks it; store a keyed hash, never the number.
 */
public record NationalRegisterNumber(String value) {

    static final String TYPE = "nrn";

    public NationalRegisterNumber {
        if (value == null || !Checks.digits(value, 11)) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        // Checksum first: a mistyped number is reported as mistyped, not as a strange month.
        if (century(value) == 0) {
            throw new InvalidIdentifierException(TYPE, "checksum");
        }
        int month = Integer.parseInt(value.substring(2, 4));
        if (!(month <= 12 || month >= 20 && month <= 32 || month >= 40 && month <= 52)) {
            throw new InvalidIdentifierException(TYPE, "month");
        }
    }

    /** Accepts an NRN or a BIS number, with or without dots, dashes and spaces. */
    public static NationalRegisterNumber parse(String input) {
        return new NationalRegisterNumber(Checks.compact(input));
    }

    /** Accepts only a national register number: a BIS number is rejected with reason {@code month}. */
    public static NationalRegisterNumber parseNrn(String input) {
        NationalRegisterNumber n = parse(input);
        if (n.isBis()) {
            throw new InvalidIdentifierException(TYPE, "month");
        }
        return n;
    }

    /** Accepts only a BIS number: an NRN is rejected with reason {@code month}. */
    public static NationalRegisterNumber parseBis(String input) {
        NationalRegisterNumber n = parse(input);
        if (!n.isBis()) {
            throw new InvalidIdentifierException(TYPE, "month");
        }
        return n;
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    public boolean isBis() {
        return Integer.parseInt(value.substring(2, 4)) >= 20;
    }

    /** 1900 or 2000: which of the two check formulas matched (they never both do). */
    public int birthCentury() {
        return century(value);
    }

    /** The check digits, all that may be shown to identify the number on screen. */
    public String lastTwoDigits() {
        return value.substring(9);
    }

    /** {@code YY.MM.DD-XXX.CC}. */
    public String formatted() {
        return value.substring(0, 2) + "." + value.substring(2, 4) + "." + value.substring(4, 6) + "-"
                + value.substring(6, 9) + "." + value.substring(9);
    }

    /** Masked: the number must not end up in logs or error pages. */
    @Override
    public String toString() {
        return masked(lastTwoDigits());
    }

    /** How a number known only by its check digits is shown ({@code ••.••.••-•••.28}). */
    public static String masked(String lastTwoDigits) {
        return "••.••.••-•••." + lastTwoDigits;
    }

    /**
     * The number of a person born on a date with a day counter (001–998): the check digits computed with the
     * formula of the birth century. For invented people (demo data, test registers).
     */
    public static NationalRegisterNumber of(java.time.LocalDate born, int counter) {
        String base = "%02d%02d%02d%03d".formatted(born.getYear() % 100, born.getMonthValue(), born.getDayOfMonth(), counter);
        long checked = Long.parseLong(base) + (born.getYear() >= 2000 ? 2_000_000_000L : 0);
        return new NationalRegisterNumber(base + "%02d".formatted(97 - checked % 97));
    }

    /** 1900 or 2000 for the formula the check digits match, 0 for none. */
    private static int century(String value) {
        long base = Long.parseLong(value.substring(0, 9));
        int check = Integer.parseInt(value.substring(9));
        if (check == 97 - base % 97) {
            return 1900;
        }
        // Born in 2000 or later: the same formula with a 2 put in front of the nine digits.
        if (check == 97 - (2_000_000_000L + base) % 97) {
            return 2000;
        }
        return 0;
    }
}
