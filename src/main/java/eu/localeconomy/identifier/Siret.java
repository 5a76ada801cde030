package eu.localeconomy.identifier;

/** French establishment number (SIRET): the company's SIREN and a five-digit NIC, fourteen digits in all. */
public record Siret(String value) {

    static final String TYPE = "siret";
    /** La Poste registers more establishments than a Luhn-checked NIC can number, so INSEE uses another rule. */
    private static final String LA_POSTE_SIREN = "356000000";
    private static final String LA_POSTE_HEAD_OFFICE = "35600000000048";

    public Siret {
        if (value == null || !Checks.digits(value, 14)) {
            throw new InvalidIdentifierException(TYPE, "format");
        }
        if (!Siren.isValid(value.substring(0, 9))) {
            throw new InvalidIdentifierException(TYPE, "siren");
        }
        boolean ok = value.startsWith(LA_POSTE_SIREN) && !value.equals(LA_POSTE_HEAD_OFFICE)
                ? digitSum(value) % 5 == 0
                : Checks.luhn(value);
        if (!ok) {
            throw new InvalidIdentifierException(TYPE, "checksum");
        }
    }

    /** Accepts {@code 732 829 320 00074}, dots and dashes too. */
    public static Siret parse(String input) {
        return new Siret(Checks.compact(input));
    }

    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    public Siren siren() {
        return new Siren(value.substring(0, 9));
    }

    /** The establishment's internal number (NIC). */
    public String nic() {
        return value.substring(9);
    }

    /** {@code 732 829 320 00074}. */
    public String formatted() {
        return siren().formatted() + " " + nic();
    }

    @Override
    public String toString() {
        return formatted();
    }

    private static int digitSum(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += digits.charAt(i) - '0';
        }
        return sum;
    }
}
