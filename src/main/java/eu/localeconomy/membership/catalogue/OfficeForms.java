package eu.localeconomy.membership.catalogue;

import eu.localeconomy.membership.catalogue.CatalogueValidationException.Problem;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.Uuids;
import org.springframework.validation.BindingResult;
import org.springframework.web.server.ResponseStatusException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/** What the office pages share: typed values out of posted text, without a 500 for anything typed or tampered. */
final class OfficeForms {

    private OfficeForms() {
    }

    static UUID uuidOr404(String text) {
        return Uuids.parse(text).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    static Map<Language, String> texts(String fr, String nl, String en) {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        put(texts, Language.FR, fr);
        put(texts, Language.NL, nl);
        put(texts, Language.EN, en);
        return texts;
    }

    private static void put(Map<Language, String> texts, Language language, String text) {
        if (text != null && !text.isBlank()) {
            texts.put(language, text.strip());
        }
    }

    static String text(Map<Language, String> texts, Language language) {
        return texts == null ? "" : texts.getOrDefault(language, "");
    }

    static LocalDate date(String text, String field, BindingResult errors, String key) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.rejectValue(field, key);
            return null;
        }
    }

    static Integer integer(String text, String field, BindingResult errors, String key) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            if (field == null) {
                errors.reject(key);
            } else {
                errors.rejectValue(field, key);
            }
            return null;
        }
    }

    /** A typed amount in the tenant's currency as cents; more than two decimals or not a number is refused. */
    static Long cents(String text, String currency, String field, BindingResult errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.strip().length() > 15) {
                throw new NumberFormatException("too long");
            }
            return Money.parse(text, currency).cents();
        } catch (NumberFormatException | ArithmeticException e) {
            errors.rejectValue(field, "catalogue.error.amount");
            return null;
        }
    }

    static String plain(Long cents, String currency) {
        return cents == null ? "" : new Money(cents, currency).plain();
    }

    /** The service's problems on the form's fields; a field the form does not show becomes a global error. */
    static void reject(CatalogueValidationException e, BindingResult errors, java.util.Set<String> fields) {
        reject(e.problems(), errors, fields);
    }

    /** Problems found beside the ones parsing found; a field already refused keeps its first message. */
    static void reject(java.util.List<Problem> problems, BindingResult errors, java.util.Set<String> fields) {
        for (Problem problem : problems) {
            String field = problem.field().replace(".fr", "Fr").replace(".nl", "Nl").replace(".en", "En");
            field = switch (field) {
                case "names", "namesFr" -> "nameFr";
                case "namesNl" -> "nameNl";
                case "namesEn" -> "nameEn";
                case "labels", "labelsFr" -> "labelFr";
                case "labelsNl" -> "labelNl";
                case "labelsEn" -> "labelEn";
                case "descriptionsFr" -> "descriptionFr";
                case "descriptionsNl" -> "descriptionNl";
                case "descriptionsEn" -> "descriptionEn";
                case "introFr", "introNl", "introEn" -> field;
                default -> field;
            };
            if (fields.contains(field) && errors.hasFieldErrors(field)) {
                continue;
            }
            if (fields.contains(field)) {
                errors.rejectValue(field, problem.key(), problem.arguments().toArray(), null);
            } else {
                errors.reject(problem.key(), problem.arguments().toArray(), null);
            }
        }
    }
}
