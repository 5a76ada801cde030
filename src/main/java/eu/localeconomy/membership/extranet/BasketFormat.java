package eu.localeconomy.membership.extranet;

import eu.localeconomy.membership.catalogue.Price;
import eu.localeconomy.membership.catalogue.PriceExplanations;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * Amounts, VAT rates, texts per language and price explanations as a professional reads them; templates call it as
 * {@code @basketFormat}.
 */
@Component("basketFormat")
public class BasketFormat {

    private final PriceExplanations explanations;

    BasketFormat(PriceExplanations explanations) {
        this.explanations = explanations;
    }

    public String money(Money money) {
        return money == null ? "" : money(money, LocaleContextHolder.getLocale());
    }

    /** A VAT rate in basis points as a percentage ("20", "5,5"). */
    public String rate(int basisPoints) {
        NumberFormat format = NumberFormat.getNumberInstance(region(LocaleContextHolder.getLocale()));
        format.setMaximumFractionDigits(2);
        return format.format(BigDecimal.valueOf(basisPoints, 2));
    }

    public String text(Map<Language, String> texts) {
        return BasketRules.name(texts, language());
    }

    /** The price's explanation in the reader's language, by the catalogue's renderer (the matrix says the same). */
    public String explanation(Price price) {
        return explanation(price, LocaleContextHolder.getLocale());
    }

    String explanation(Price price, Locale locale) {
        return price == null ? "" : explanations.explain(price, locale);
    }

    /** In the conventions of this language, for texts rendered outside a request (e-mails). */
    public static String money(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(region(locale));
        format.setCurrency(Currency.getInstance(money.currency()));
        return format.format(money.amount());
    }

    static Language language() {
        return Language.fromLocale(LocaleContextHolder.getLocale()).orElse(Language.FR);
    }

    /** French conventions for French ("180,00 €"), Belgian Dutch, Irish English ("€180.00"). */
    private static Locale region(Locale language) {
        return switch (language.getLanguage()) {
            case "en" -> Locale.of("en", "IE");
            case "nl" -> Locale.of("nl", "BE");
            default -> Locale.of("fr", "FR");
        };
    }
}
