package eu.localeconomy.savings.register;

import eu.localeconomy.identifier.NationalRegisterNumber;
import eu.localeconomy.shared.SecretBox;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Keyed hashes of the identifiers citizens prove themselves with. The clear values are never stored or logged:
 * imports hash them on the way in, the enrolment site hashes what the citizen typed and compares hashes.
 * A plain hash would not do: there are only ~36 million plausible national register numbers.
 */
@Component
public class PersonalIdentifiers {

    private final SecretBox secrets;

    PersonalIdentifiers(SecretBox secrets) {
        this.secrets = secrets;
    }

    public String hash(NationalRegisterNumber number) {
        return secrets.keyedHash("nrn:" + number.value());
    }

    /** Tax assessment numbers are compared without spaces, dots, dashes or slashes, case-insensitively. */
    public String taxNumberHash(String taxAssessmentNumber) {
        return secrets.keyedHash("tax:" + normaliseTaxNumber(taxAssessmentNumber));
    }

    public static String normaliseTaxNumber(String typed) {
        return typed == null ? "" : typed.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    public static String lastTwo(String normalised) {
        return normalised.length() <= 2 ? normalised : normalised.substring(normalised.length() - 2);
    }
}
