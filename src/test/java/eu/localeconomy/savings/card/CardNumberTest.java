package eu.localeconomy.savings.card;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CardNumberTest {

    @Test
    void randomNumbersAreValidFormattedAndReadBackAsTyped() {
        var random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            CardNumber number = CardNumber.random(random);
            assertThat(number.formatted()).matches("[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}");
            assertThat(CardNumber.parse(number.formatted().toLowerCase())).contains(number);
            assertThat(CardNumber.parse(" " + number.value().substring(0, 4) + " " + number.value().substring(4))).contains(number);
        }
    }

    @Test
    void everySingleWrongCharacterAndEveryNeighbourSwapOfDistinctCharactersIsCaught() {
        var random = new SplittableRandom(11);
        for (int n = 0; n < 200; n++) {
            String value = CardNumber.random(random).value();
            for (int i = 0; i < value.length(); i++) {
                for (char c : CardNumber.ALPHABET.toCharArray()) {
                    if (c != value.charAt(i)) {
                        String typo = value.substring(0, i) + c + value.substring(i + 1);
                        assertThat(CardNumber.parse(typo)).as(typo).isEmpty();
                    }
                }
            }
        }
        // Luhn mod N misses only the swap of two specific values; count how rare undetected swaps are.
        int swaps = 0;
        int missed = 0;
        for (int n = 0; n < 2000; n++) {
            String value = CardNumber.random(random).value();
            for (int i = 0; i + 1 < value.length(); i++) {
                if (value.charAt(i) != value.charAt(i + 1)) {
                    swaps++;
                    String swapped = value.substring(0, i) + value.charAt(i + 1) + value.charAt(i) + value.substring(i + 2);
                    if (CardNumber.parse(swapped).isPresent()) {
                        missed++;
                    }
                }
            }
        }
        assertThat((double) missed / swaps).isLessThan(0.01);
    }

    @Test
    void rejectsLookAlikesWrongLengthsAndNothing() {
        assertThat(CardNumber.parse(null)).isEmpty();
        assertThat(CardNumber.parse("")).isEmpty();
        assertThat(CardNumber.parse("O0I1O0I1O")).isEmpty();
        assertThat(CardNumber.parse("ABCDEFGH")).isEmpty();
    }

    @Test
    void fortyThousandRandomNumbersRarelyCollide() {
        var seen = new HashSet<String>();
        var random = new SplittableRandom(3);
        for (int i = 0; i < 40_000; i++) {
            seen.add(CardNumber.random(random).value());
        }
        assertThat(seen).hasSizeGreaterThan(39_995);
    }
}
