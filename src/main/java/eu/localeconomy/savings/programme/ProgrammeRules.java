package eu.localeconomy.savings.programme;

import org.springframework.validation.Errors;

import eu.localeconomy.shared.Uuids;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a programme set-up form and turns it into a {@link Programmes.Draft}. Each broken rule is a field error
 * with its own message key, on the field the administrator has to correct.
 */
final class ProgrammeRules {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
    /** No municipality budgets a cap of a million euros per household; beyond that it is a typing error. */
    private static final BigDecimal MAX_CAP_EUROS = new BigDecimal("1000000");

    private ProgrammeRules() {
    }

    /**
     * @param nrnAuthorised whether the tenant may match residents on the national register number
     * @param defaultLanguage the tenant's language, in which every category needs a name
     */
    static Optional<Programmes.Draft> check(ProgrammeForm form, Errors errors, boolean nrnAuthorised,
                                            String defaultLanguage) {
        String season = required(errors, "season", form.season(), 32);
        String name = required(errors, "name", form.name(), 200);
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (String language : ProgrammeForm.LANGUAGES) {
            Map<String, String> inLanguage = new LinkedHashMap<>();
            for (String key : List.of("title", "intro", "privacy")) {
                String value = form.text(language, key);
                String field = key + language.substring(0, 1).toUpperCase(Locale.ROOT) + language.substring(1);
                int max = key.equals("title") ? 200 : 20_000;
                if (value != null && value.strip().length() > max) {
                    errors.rejectValue(field, "validation.tooLong");
                } else if (value != null && value.indexOf('\u0000') >= 0) {
                    errors.rejectValue(field, "programme.text.invalid");
                } else if (value != null && !value.isBlank()) {
                    inLanguage.put(key, value.strip());
                }
            }
            if (!inLanguage.isEmpty()) {
                texts.put(language, inLanguage);
            }
        }
        Rounding rounding = choice(errors, "rounding", form.rounding(), Rounding.class);
        ResidentIdentifier identifier = choice(errors, "residentIdentifier", form.residentIdentifier(), ResidentIdentifier.class);
        if (identifier == ResidentIdentifier.NATIONAL_REGISTER_NUMBER && !nrnAuthorised) {
            errors.rejectValue("residentIdentifier", "programme.residentIdentifier.notAuthorised");
        }

        LocalDate enrolmentOpens = date(errors, "enrolmentOpensOn", form.enrolmentOpensOn());
        LocalDate enrolmentCloses = date(errors, "enrolmentClosesOn", form.enrolmentClosesOn());
        LocalDate earnFrom = date(errors, "earnFrom", form.earnFrom());
        LocalDate earnUntil = date(errors, "earnUntil", form.earnUntil());
        LocalDate conversion = date(errors, "conversionOn", form.conversionOn());
        LocalDate spendFrom = date(errors, "spendFrom", form.spendFrom());
        LocalDate spendUntil = date(errors, "spendUntil", form.spendUntil());
        ordered(errors, "enrolmentClosesOn", enrolmentOpens, enrolmentCloses, true, "programme.window.enrolment");
        ordered(errors, "earnUntil", earnFrom, earnUntil, true, "programme.window.earn");
        ordered(errors, "conversionOn", earnUntil, conversion, false, "programme.window.conversion");
        ordered(errors, "spendFrom", conversion, spendFrom, true, "programme.window.spendStart");
        ordered(errors, "spendUntil", spendFrom, spendUntil, true, "programme.window.spend");

        Long maxPurchase = limit(errors, "maxPurchase", form.maxPurchase());
        Long maxDailyPurchase = limit(errors, "maxDailyPurchase", form.maxDailyPurchase());
        if (maxPurchase != null && maxDailyPurchase != null && maxDailyPurchase < maxPurchase) {
            errors.rejectValue("maxDailyPurchase", "programme.limit.dailyBelowPurchase");
        }
        int reversalWindow = reversalWindow(errors, "reversalWindowMinutes", form.reversalWindowMinutes());

        List<Programmes.CategoryDraft> categories = new ArrayList<>();
        List<ProgrammeForm.CategoryRow> rows = form.rows();
        if (rows.isEmpty()) {
            errors.rejectValue("categories", "programme.categories.none");
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            category(errors, "categories[" + i + "].", rows.get(i), codes, defaultLanguage).ifPresent(categories::add);
        }
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Programmes.Draft(season, name, texts, rounding, identifier, enrolmentOpens,
                enrolmentCloses, earnFrom, earnUntil, conversion, spendFrom, spendUntil, categories,
                new Programme.Limits(maxPurchase, maxDailyPurchase, reversalWindow)));
    }

    private static Optional<Programmes.CategoryDraft> category(Errors errors, String prefix, ProgrammeForm.CategoryRow row,
                                                               Set<String> codes, String defaultLanguage) {
        int before = errors.getErrorCount();
        String code = row.code() == null ? "" : row.code().strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            errors.rejectValue(prefix + "code", "validation.required");
        } else if (!CODE.matcher(code).matches()) {
            errors.rejectValue(prefix + "code", "programme.category.code.invalid");
        } else if (!codes.add(code)) {
            errors.rejectValue(prefix + "code", "programme.category.code.duplicate");
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String language : ProgrammeForm.LANGUAGES) {
            String value = row.name(language);
            String field = prefix + "name" + language.substring(0, 1).toUpperCase(Locale.ROOT) + language.substring(1);
            if (value != null && value.strip().length() > 100) {
                errors.rejectValue(field, "validation.tooLong");
            } else if (value != null && value.indexOf('\u0000') >= 0) {
                errors.rejectValue(field, "programme.text.invalid");
            } else if (value != null && !value.isBlank()) {
                names.put(language, value.strip());
            }
        }
        if (!names.containsKey(defaultLanguage)) {
            String field = prefix + "name" + defaultLanguage.substring(0, 1).toUpperCase(Locale.ROOT) + defaultLanguage.substring(1);
            if (!errors.hasFieldErrors(field)) {
                errors.rejectValue(field, "programme.category.name.required");
            }
        }
        Register register = choice(errors, prefix + "register", row.register(), Register.class);
        Rate rate = rate(errors, prefix + "rate", row.rate());
        Long cap = cap(errors, prefix + "cap", row.cap());
        if (errors.getErrorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new Programmes.CategoryDraft(uuid(row.id()), code, names, register, rate, cap));
    }

    /** Parses "1/3", "33.33" or "25 %"; the message tells a typing error from a rate outside 0–100 %. */
    static Rate rate(Errors errors, String field, String typed) {
        if (typed == null || typed.isBlank()) {
            errors.rejectValue(field, "validation.required");
            return null;
        }
        try {
            return Rate.parse(typed);
        } catch (NumberFormatException | ArithmeticException | IndexOutOfBoundsException e) {
            errors.rejectValue(field, "programme.rate.invalid");
        } catch (IllegalArgumentException e) {
            // Rate's own check: a fraction outside [0, 1] or a zero denominator.
            errors.rejectValue(field, typed.contains("/") && typed.replaceAll("\\s", "").endsWith("/0")
                    ? "programme.rate.invalid" : "programme.rate.range");
        }
        return null;
    }

    /** A cap typed in euros ("150", "150,50", "€ 1.500,00") as cents; more than zero. */
    static Long cap(Errors errors, String field, String typed) {
        return euros(errors, field, typed, "programme.cap");
    }

    /** An optional limit in euros as cents: empty means no limit. */
    static Long limit(Errors errors, String field, String typed) {
        return typed == null || typed.isBlank() ? null : euros(errors, field, typed, "programme.limit");
    }

    /** Minutes a merchant may reverse its own transaction: 0 to 1440, 15 when left empty. */
    static int reversalWindow(Errors errors, String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return Programme.Limits.DEFAULT.reversalWindowMinutes();
        }
        try {
            int minutes = Integer.parseInt(typed.strip());
            if (minutes >= 0 && minutes <= 1440) {
                return minutes;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        errors.rejectValue(field, "programme.reversalWindow.invalid");
        return Programme.Limits.DEFAULT.reversalWindowMinutes();
    }

    private static Long euros(Errors errors, String field, String typed, String messages) {
        if (typed == null || typed.isBlank()) {
            errors.rejectValue(field, "validation.required");
            return null;
        }
        String t = typed.replace("€", "").replaceAll("[\\s\\u00a0']", "");
        int comma = t.lastIndexOf(',');
        int dot = t.lastIndexOf('.');
        // Whichever separator comes last is the decimal one; the other groups thousands.
        if (comma >= 0 && dot >= 0) {
            t = comma > dot ? t.replace(".", "").replace(',', '.') : t.replace(",", "");
        } else {
            t = t.replace(',', '.');
        }
        BigDecimal euros;
        try {
            euros = new BigDecimal(t);
        } catch (NumberFormatException e) {
            errors.rejectValue(field, messages + ".invalid");
            return null;
        }
        if (euros.signum() <= 0) {
            errors.rejectValue(field, messages + ".positive");
            return null;
        }
        if (euros.stripTrailingZeros().scale() > 2 || euros.compareTo(MAX_CAP_EUROS) > 0) {
            errors.rejectValue(field, messages + ".invalid");
            return null;
        }
        return euros.movePointRight(2).longValueExact();
    }

    private static String required(Errors errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.rejectValue(field, "validation.required");
            return null;
        }
        if (value.strip().length() > max) {
            errors.rejectValue(field, "validation.tooLong");
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            errors.rejectValue(field, "programme.text.invalid");
            return null;
        }
        return value.strip();
    }

    private static <E extends Enum<E>> E choice(Errors errors, String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            errors.rejectValue(field, "validation.required");
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.rejectValue(field, "validation.choice");
            return null;
        }
    }

    /** A date as the browser's date field sends it (2026-06-01), or typed day first (1/6/2026). */
    static LocalDate date(Errors errors, String field, String typed) {
        if (typed == null || typed.isBlank()) {
            errors.rejectValue(field, "validation.required");
            return null;
        }
        String t = typed.strip();
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException iso) {
            try {
                return LocalDate.parse(t.replace('.', '/').replace('-', '/'), DAY_FIRST);
            } catch (DateTimeParseException dayFirst) {
                errors.rejectValue(field, "programme.date.invalid");
                return null;
            }
        }
    }

    private static void ordered(Errors errors, String field, LocalDate first, LocalDate second, boolean sameDayAllowed,
                                String messageKey) {
        if (first == null || second == null || errors.hasFieldErrors(field)) {
            return;
        }
        if (sameDayAllowed ? second.isBefore(first) : !second.isAfter(first)) {
            errors.rejectValue(field, messageKey);
        }
    }

    private static UUID uuid(String value) {
        return Uuids.parse(value).orElse(null);
    }
}
