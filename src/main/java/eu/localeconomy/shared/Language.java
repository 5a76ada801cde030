package eu.localeconomy.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Languages of the platform. Every screen exists in Dutch, French and English; citizen-facing pages also in German.
 */
public enum Language {
    NL, FR, EN, DE;

    /** Languages of staff, merchant and professional screens. */
    public static final List<Language> EVERY_SCREEN = List.of(NL, FR, EN);
    /** Languages of citizen-facing screens. */
    public static final List<Language> CITIZEN_SCREENS = List.of(NL, FR, EN, DE);

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.of(code());
    }

    public boolean citizenOnly() {
        return this == DE;
    }

    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String normalised = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.code().equals(normalised)).findFirst();
    }

    public static Optional<Language> fromLocale(Locale locale) {
        return locale == null ? Optional.empty() : fromCode(locale.getLanguage());
    }
}
