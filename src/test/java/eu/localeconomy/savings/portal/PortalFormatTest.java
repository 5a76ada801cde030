package eu.localeconomy.savings.portal;

import eu.localeconomy.savings.programme.Rate;
import eu.localeconomy.shared.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PortalFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en | 15000 | 1 | 3 | €150.00 | 33.33",
            "nl | 15000 | 1 | 3 | € 150,00 | 33,33",
            "fr | 4000  | 1 | 4 | 40,00 € | 25",
            "de | 5     | 1 | 2 | 0,05 € | 50"})
    void amountsAndRatesFollowTheLanguage(String language, long cents, int numerator, int denominator,
                                          String money, String percent) {
        Locale locale = Locale.of(language);
        // CLDR uses non-breaking spaces between amount and symbol.
        assertThat(PortalFormat.money(Money.euros(cents), locale).replace('\u00a0', ' ').replace('\u202f', ' '))
                .isEqualTo(money);
        assertThat(PortalFormat.percent(new Rate(numerator, denominator), locale)).isEqualTo(percent);
    }
}
