package eu.localeconomy.membership.catalogue;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A price's explanation as a reader of the given language reads it, in the price's currency, e.g. fr
 * "catégorie hôtel 3★ : 180,00 € ; 42 chambres × 2,00 € = 84,00 € ; établissement secondaire −50 % → 132,00 €".
 * The extranet, "view as prospect", the price matrix and its XLSX export all use it, so they say the same thing.
 * The base price is left out when it does not count (zero, or replaced by a rule setting the price).
 */
@Component
public class PriceExplanations {

    private static final String MINUS = "\u2212";

    private final MessageSource messages;

    public PriceExplanations(MessageSource messages) {
        this.messages = messages;
    }

    /** The whole explanation on one line. */
    public String explain(Price price, Locale locale) {
        List<String> lines = lines(price, locale);
        return String.join(message("catalogue.price.separator", locale), lines);
    }

    /** One text per step that counts, then the total when the last step does not already show it. */
    public List<String> lines(Price price, Locale locale) {
        List<PriceStep> steps = price.steps();
        List<String> lines = new ArrayList<>(steps.size() + 1);
        boolean baseCounts = !steps.isEmpty() && steps.getFirst().priceAfter().cents() != 0;
        for (int i = 1; i < steps.size() && baseCounts; i++) {
            if (replaces(steps.get(i), steps.get(i - 1))) {
                baseCounts = false;
            }
        }
        boolean totalShown = false;
        for (int i = 0; i < steps.size(); i++) {
            PriceStep step = steps.get(i);
            if (step.kind() == null) {
                if (baseCounts) {
                    lines.add(message("catalogue.price.base", locale, money(step.priceAfter(), locale)));
                }
                continue;
            }
            lines.add(line(step, locale));
            totalShown = step.kind() == PriceRuleKind.PERCENT || step.kind() == PriceRuleKind.ADJUST;
        }
        if (lines.isEmpty() || (lines.size() > 1 && !totalShown)) {
            lines.add(message("catalogue.price.total", locale, money(price.amount(), locale)));
        }
        return lines;
    }

    private String line(PriceStep step, Locale locale) {
        String label = label(step.labels(), locale);
        return switch (step.kind()) {
            case SET -> message("catalogue.price.set", locale, label, money(step.amount(), locale));
            case PER_UNIT -> {
                String text = step.units() == null
                        ? message("catalogue.price.perUnit.absent", locale, label, money(step.unitPrice(), locale),
                        money(step.amount(), locale))
                        : message("catalogue.price.perUnit", locale, number(step.units(), locale), label,
                        money(step.unitPrice(), locale), money(computed(step), locale));
                long computed = step.units() == null ? 0 : computed(step).cents();
                if (step.amount().cents() > computed) {
                    text = message("catalogue.price.perUnit.min", locale, text, money(step.amount(), locale));
                } else if (step.amount().cents() < computed) {
                    text = message("catalogue.price.perUnit.max", locale, text, money(step.amount(), locale));
                }
                yield text;
            }
            case BANDS -> {
                if (step.amount() == null) {
                    yield message("catalogue.price.bands.none", locale, label, value(step.units(), locale));
                }
                yield message("catalogue.price.bands", locale, label, value(step.units(), locale),
                        money(step.amount(), locale));
            }
            case PERCENT -> message("catalogue.price.percent", locale, label, percent(step.percent(), locale),
                    money(step.priceAfter(), locale));
            case ADJUST -> message("catalogue.price.adjust", locale, label, signed(step.amount(), locale),
                    money(step.priceAfter(), locale));
        };
    }

    /** Whether a step replaced the running price (a SET, or units/bands in SET mode over a non-zero price). */
    private static boolean replaces(PriceStep step, PriceStep previous) {
        if (step.kind() == PriceRuleKind.SET) {
            return true;
        }
        return (step.kind() == PriceRuleKind.PER_UNIT || step.kind() == PriceRuleKind.BANDS) && step.amount() != null
                && previous.priceAfter().cents() != 0 && step.amount().equals(step.priceAfter());
    }

    private static Money computed(PriceStep step) {
        BigDecimal cents = step.units().multiply(BigDecimal.valueOf(step.unitPrice().cents()))
                .setScale(0, java.math.RoundingMode.HALF_UP);
        long capped = cents.min(BigDecimal.valueOf(PriceEngine.CEILING_CENTS)).longValue();
        return new Money(capped, step.unitPrice().currency());
    }

    private String value(BigDecimal value, Locale locale) {
        return value == null ? message("catalogue.price.notStated", locale) : number(value, locale);
    }

    private static String label(Map<Language, String> labels, Locale locale) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        Language language = Language.fromLocale(locale).orElse(Language.EN);
        for (Language candidate : List.of(language, Language.FR, Language.EN, Language.NL)) {
            String label = labels.get(candidate);
            if (label != null && !label.isBlank()) {
                return label;
            }
        }
        return labels.values().iterator().next();
    }

    private String percent(BigDecimal percent, Locale locale) {
        String sign = percent.signum() < 0 ? MINUS : "+";
        return message("catalogue.price.percentValue", locale, sign + number(percent.abs(), locale));
    }

    private static String signed(Money amount, Locale locale) {
        String sign = amount.cents() < 0 ? MINUS : "+";
        return sign + money(new Money(Math.abs(amount.cents()), amount.currency()), locale);
    }

    static String money(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(region(locale));
        format.setCurrency(Currency.getInstance(money.currency()));
        return format.format(money.amount());
    }

    private static String number(BigDecimal value, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(region(locale));
        format.setMaximumFractionDigits(4);
        return format.format(value);
    }

    /** French conventions for French (the offices are in France), Belgian for Dutch, Irish for English (€180.00). */
    private static Locale region(Locale locale) {
        return switch (locale.getLanguage()) {
            case "en" -> Locale.of("en", "IE");
            case "nl" -> Locale.of("nl", "BE");
            default -> Locale.of(locale.getLanguage(), "FR");
        };
    }

    private String message(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
