import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Synthetic register extracts for the import benchmark: a population register of N households (one to three adults,
 * every national register number valid and distinct) and a second-home tax roll of N/4 dwellings, deterministic for
 * a seed. Semicolon-separated UTF-8 with Dutch headers, as a Flemish municipality's export would be.
 * Usage: java bench/RegisterGenerator.java N SEED OUTPUT_DIR  (writes population-N.csv and second-homes-N.csv)
 */
public class RegisterGenerator {

    private static final String[] STREETS = {"Zeedijk", "Lippenslaan", "Kustlaan", "Dumortierlaan", "Elizabetlaan",
            "Van Bunnenlaan", "Dorpstraat", "Sparrendreef", "Heistlaan", "Westkapellestraat", "Graaf Jansdijk",
            "Rue de l'Église", "Meerlaan", "Bronlaan", "Oosthoekplein"};
    private static final String[] LAST = {"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes",
            "Goossens", "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Lefèvre", "Vermeulen", "Van den Bossche"};
    private static final String[] FIRST = {"Anna", "Bert", "Chloé", "Dirk", "Emma", "Frans", "Greet", "Hélène",
            "Jan", "Karel", "Lotte", "Marc", "Noor", "Olivier", "Pieter", "Zoë"};

    public static void main(String[] args) throws IOException {
        int households = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        var random = new Random(seed);
        long people = 0;
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("population-" + households + ".csv"), StandardCharsets.UTF_8)) {
            out.write("Huishouden;Straat;Huisnummer;Bus;Postcode;Gemeente;Rijksregisternummer;Naam;Voornaam;Geboortedatum\n");
            for (int h = 0; h < households; h++) {
                String street = STREETS[random.nextInt(STREETS.length)];
                String number = String.valueOf(1 + random.nextInt(400));
                String box = random.nextInt(5) == 0 ? "B" + (1 + random.nextInt(20)) : "";
                String postcode = random.nextBoolean() ? "8300" : "8301";
                String last = LAST[random.nextInt(LAST.length)];
                int adults = 1 + random.nextInt(3);
                for (int a = 0; a < adults; a++) {
                    // Birth date and day counter taken one-to-one from the person's sequence number: all distinct.
                    long p = people++;
                    int day = (int) (p % 23_520);
                    int yy = 30 + day / 336;
                    int mm = 1 + (day / 28) % 12;
                    int dd = 1 + day % 28;
                    String base = String.format("%02d%02d%02d%03d", yy, mm, dd, 1 + p / 23_520);
                    String nrn = base + String.format("%02d", 97 - Long.parseLong(base) % 97);
                    out.write(String.join(";", "HH" + (1_000_000 + h), quote(street), number, box, postcode, "Knokke-Heist",
                            nrn, quote(last), FIRST[random.nextInt(FIRST.length)], String.format("19%02d-%02d-%02d", yy, mm, dd)));
                    out.write('\n');
                }
            }
        }
        int secondHomes = Math.max(1, households / 4);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("second-homes-" + households + ".csv"), StandardCharsets.UTF_8)) {
            out.write("Aanslagnummer;Straat;Huisnummer;Bus;Postcode;Gemeente;Eigenaar;Adres eigenaar;Adresregel 2;Postcode eigenaar;Woonplaats eigenaar;Land\n");
            for (int s = 0; s < secondHomes; s++) {
                boolean abroad = random.nextInt(3) == 0;
                out.write(String.join(";", String.format("%03d/%06d-%02d", 100 + s % 900, s, random.nextInt(100)),
                        quote(STREETS[random.nextInt(STREETS.length)]), String.valueOf(1 + random.nextInt(400)),
                        String.valueOf(random.nextInt(400)), "8300", "Knokke-Heist",
                        quote(FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]),
                        "Kerkstraat " + (1 + random.nextInt(99)), "", abroad ? "75002" : "2000",
                        abroad ? "Paris" : "Antwerpen", abroad ? "FR" : "BE"));
                out.write('\n');
            }
        }
        System.out.printf("Wrote %d households (%d adults) and %d second homes to %s%n", households, people, secondHomes, dir);
    }

    private static String quote(String value) {
        return value.indexOf(';') >= 0 || value.indexOf('"') >= 0 ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
