package eu.localeconomy.savings.programme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The programme set-up form. Everything arrives as text, so that a mistyped date, rate or amount is a field error
 * on the re-displayed form (with what was typed) rather than a request that cannot be bound.
 */
record ProgrammeForm(String season, String name,
                     String titleNl, String introNl, String privacyNl,
                     String titleFr, String introFr, String privacyFr,
                     String titleEn, String introEn, String privacyEn,
                     String titleDe, String introDe, String privacyDe,
                     String rounding, String residentIdentifier,
                     String enrolmentOpensOn, String enrolmentClosesOn, String earnFrom, String earnUntil,
                     String conversionOn, String spendFrom, String spendUntil,
                     String maxPurchase, String maxDailyPurchase, String reversalWindowMinutes,
                     List<CategoryRow> categories) {

    /** The languages whose texts the form edits, in display order. */
    static final List<String> LANGUAGES = List.of("nl", "fr", "en", "de");

    /** A category row; {@code id} is empty for a row added on this screen. */
    record CategoryRow(String id, String code, String nameNl, String nameFr, String nameEn, String nameDe,
                       String register, String rate, String cap) {

        static CategoryRow empty() {
            return new CategoryRow("", "", "", "", "", "", Register.POPULATION.name(), "", "");
        }

        static CategoryRow of(Category c) {
            return new CategoryRow(c.id().toString(), c.code(), c.names().getOrDefault("nl", ""),
                    c.names().getOrDefault("fr", ""), c.names().getOrDefault("en", ""), c.names().getOrDefault("de", ""),
                    c.register().name(), c.rate().asInput(), euros(c.capCents()));
        }

        String name(String language) {
            return switch (language) {
                case "nl" -> nameNl;
                case "fr" -> nameFr;
                case "en" -> nameEn;
                default -> nameDe;
            };
        }
    }

    static ProgrammeForm empty(ResidentIdentifier residentIdentifier) {
        return new ProgrammeForm("", "", "", "", "", "", "", "", "", "", "", "", "", "", Rounding.HALF_UP.name(),
                residentIdentifier.name(), "", "", "", "", "", "", "", "", "",
                String.valueOf(Programme.Limits.DEFAULT.reversalWindowMinutes()), List.of(CategoryRow.empty()));
    }

    static ProgrammeForm of(Programme p, List<Category> categories) {
        var t = p.texts();
        return new ProgrammeForm(p.season(), p.name(),
                text(t, "nl", "title"), text(t, "nl", "intro"), text(t, "nl", "privacy"),
                text(t, "fr", "title"), text(t, "fr", "intro"), text(t, "fr", "privacy"),
                text(t, "en", "title"), text(t, "en", "intro"), text(t, "en", "privacy"),
                text(t, "de", "title"), text(t, "de", "intro"), text(t, "de", "privacy"),
                p.rounding().name(), p.residentIdentifier().name(),
                p.enrolmentOpensOn().toString(), p.enrolmentClosesOn().toString(), p.earnFrom().toString(),
                p.earnUntil().toString(), p.conversionOn().toString(), p.spendFrom().toString(), p.spendUntil().toString(),
                p.limits().maxPurchaseCents() == null ? "" : euros(p.limits().maxPurchaseCents()),
                p.limits().maxDailyPurchaseCents() == null ? "" : euros(p.limits().maxDailyPurchaseCents()),
                String.valueOf(p.limits().reversalWindowMinutes()),
                categories.stream().map(CategoryRow::of).toList());
    }

    /** The same form with its category rows replaced (rows never null, so that the template can walk them). */
    ProgrammeForm withCategories(List<CategoryRow> rows) {
        return new ProgrammeForm(season, name, titleNl, introNl, privacyNl, titleFr, introFr, privacyFr, titleEn,
                introEn, privacyEn, titleDe, introDe, privacyDe, rounding, residentIdentifier, enrolmentOpensOn,
                enrolmentClosesOn, earnFrom, earnUntil, conversionOn, spendFrom, spendUntil, maxPurchase,
                maxDailyPurchase, reversalWindowMinutes, rows);
    }

    /** Category rows as posted, without the holes a forged index leaves. */
    List<CategoryRow> rows() {
        return categories == null ? List.of() : categories.stream().filter(Objects::nonNull).toList();
    }

    ProgrammeForm normalised() {
        return withCategories(new ArrayList<>(rows()));
    }

    String text(String language, String key) {
        return switch (language + "." + key) {
            case "nl.title" -> titleNl;
            case "nl.intro" -> introNl;
            case "nl.privacy" -> privacyNl;
            case "fr.title" -> titleFr;
            case "fr.intro" -> introFr;
            case "fr.privacy" -> privacyFr;
            case "en.title" -> titleEn;
            case "en.intro" -> introEn;
            case "en.privacy" -> privacyEn;
            case "de.title" -> titleDe;
            case "de.intro" -> introDe;
            case "de.privacy" -> privacyDe;
            default -> throw new IllegalArgumentException(language + "." + key);
        };
    }

    private static String text(Map<String, Map<String, String>> texts, String language, String key) {
        var inLanguage = texts.get(language);
        return inLanguage == null ? "" : inLanguage.getOrDefault(key, "");
    }

    static String euros(long cents) {
        return java.math.BigDecimal.valueOf(cents).movePointLeft(2).stripTrailingZeros().toPlainString();
    }
}
