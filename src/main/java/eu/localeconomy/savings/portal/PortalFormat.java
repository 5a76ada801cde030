package eu.localeconomy.savings.portal;

import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.shared.Money;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts and rates as a citizen reads them in their language ("€ 150,00", "150,00 €", "€150.00"; "33,33");
 * templates call it as {@code @portalFormat}.
 */
@Component("portalFormat")
public class PortalFormat {

    public String money(Money money) {
        return money(money, LocaleContextHolder.getLocale());
    }

    public String percent(Rate rate) {
        return percent(rate, LocaleContextHolder.getLocale());
    }

    static String money(Money money, Locale language) {
        NumberFormat format = NumberFormat.getCurrencyInstance(region(language));
        format.setCurrency(Currency.getInstance(money.currency()));
        return format.format(money.amount());
    }

    static String percent(Rate rate, Locale language) {
        NumberFormat format = NumberFormat.getNumberInstance(region(language));
        format.setMaximumFractionDigits(2);
        return format.format(new BigDecimal(rate.percent()));
    }

    /** The euro conventions of the language: Belgian for nl/fr/de, Irish for English (€150.00). */
    private static Locale region(Locale language) {
        return "en".equals(language.getLanguage()) ? Locale.of("en", "IE") : Locale.of(language.getLanguage(), "BE");
    }
}
