package eu.localeconomy.savings.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Register files for tests: valid national register numbers, and population / second-home CSV text. */
final class RegisterFiles {

    static final String POPULATION_HEADER = "Huishouden;Straat;Huisnummer;Bus;Postcode;Gemeente;Rijksregisternummer;Naam;Voornaam;Geboortedatum";
    static final String SECOND_HOME_HEADER = "Aanslagnummer;Straat;Huisnummer;Bus;Postcode;Gemeente;Eigenaar;Adres eigenaar;Adresregel 2;Postcode eigenaar;Woonplaats eigenaar;Land";

    private RegisterFiles() {
    }

    /** A valid NRN of someone born in the 1900s: {@code YYMMDD} + day counter + check digits. */
    static String nrn(int yy, int mm, int dd, int counter) {
        String base = String.format("%02d%02d%02d%03d", yy, mm, dd, counter);
        long check = 97 - Long.parseLong(base) % 97;
        return base + String.format("%02d", check);
    }

    /** As printed on an identity card: {@code YY.MM.DD-XXX.CC}. */
    static String printed(String nrn) {
        return nrn.substring(0, 2) + "." + nrn.substring(2, 4) + "." + nrn.substring(4, 6) + "-" + nrn.substring(6, 9)
                + "." + nrn.substring(9);
    }

    static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** {@code households} resident households of one or two adults, deterministic for a seed. */
    static String population(int households, long seed) {
        var random = new Random(seed);
        List<String> lines = new ArrayList<>(households * 2 + 1);
        lines.add(POPULATION_HEADER);
        int person = 0;
        for (int h = 0; h < households; h++) {
            int adults = random.nextInt(3) == 0 ? 1 : 2;
            String street = "Zeedijk " + (h % 500);
            for (int a = 0; a < adults; a++) {
                person++;
                // Birth date and day counter derived one-to-one from the person's number: no two alike.
                int day = person % 23_520;
                int yy = 30 + day / 336;
                int mm = 1 + (day / 28) % 12;
                int dd = 1 + day % 28;
                String nrn = nrn(yy, mm, dd, 1 + person / 23_520);
                lines.add(String.join(";", "HH" + h, street, String.valueOf(1 + h % 200), "", "8300", "Knokke-Heist",
                        nrn, "Name" + person, "First" + person,
                        String.format("19%02d-%02d-%02d", yy, mm, dd)));
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
