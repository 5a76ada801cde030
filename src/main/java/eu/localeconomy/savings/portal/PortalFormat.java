package eu.localeconomy.savings.portal;

import eu.localeconomy.shared.Money;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Amounts as a citizen reads them in their language ("€ 150,00", "150,00 €"); templates call it as {@code @portalFormat}. */
@Component("portalFormat")
class PortalFormat {

    String money(Money money) {
        return money(money, LocaleContextHolder.getLocale());
    }

    static String money(Money money, Locale language) {
        // Belgian conventions for the language: the platform's municipalities are Belgian or French, both in euros.
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.of(language.getLanguage(), "BE"));
        format.setCurrency(Currency.getInstance(money.currency()));
        return format.format(money.amount());
    }
}
