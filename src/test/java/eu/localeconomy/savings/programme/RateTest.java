package eu.localeconomy.savings.programme;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateTest {

    @ParameterizedTest
    @CsvSource({"1/3,1,3", "33.3333,333333,1000000", "25,1,4", "25 %,1,4", "0,0,1", "100,1,1", "12.5,1,8", "2/6,1,3"})
    void parsesFractionsAndPercentages(String typed, int numerator, int denominator) {
        assertThat(Rate.parse(typed)).isEqualTo(new Rate(numerator, denominator));
    }

    @ParameterizedTest
    @CsvSource({"-1", "101", "4/3", "1/0", "abc", "12.34567"})
    void refusesRatesOutsideZeroToHundredPercent(String typed) {
        assertThatThrownBy(() -> Rate.parse(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1000,HALF_UP,333", "200,HALF_UP,67", "200,DOWN,66", "100,UP,34", "1,HALF_UP,0", "2,HALF_UP,1"})
    void creditsAThirdRoundedByTheProgrammeRule(long cents, Rounding rounding, long credit) {
        assertThat(new Rate(1, 3).applyTo(cents, rounding)).isEqualTo(credit);
    }

    @Test
    void showsItselfAsAPercentageAndAsTypedInput() {
        assertThat(new Rate(1, 3).percent()).isEqualTo("33.33");
        assertThat(new Rate(1, 3).asInput()).isEqualTo("1/3");
        assertThat(new Rate(1, 4).asInput()).isEqualTo("25");
        assertThat(new Rate(1, 8).asInput()).isEqualTo("12.5");
    }
}
