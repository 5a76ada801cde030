package eu.localeconomy.savings.card;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A card number as printed and typed: eight random characters and a check character from an alphabet without
 * look-alikes (no 0/O, 1/I), shown in three groups ({@code K7Q-M4X-PAR}). The check character (Luhn mod 32)
 * catches every single wrong character and almost every swap of two neighbours. 32⁸ ≈ 10¹² numbers: random
 * numbers are not guessable in a useful time with the enrolment site's rate limits.
 */
public record CardNumber(String value) {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int PAYLOAD = 8;
    private static final RandomGenerator RANDOM = new SecureRandom();

    public CardNumber {
        if (value == null || value.length() != PAYLOAD + 1 || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
                || checkCharacter(value.substring(0, PAYLOAD)) != value.charAt(PAYLOAD)) {
            throw new IllegalArgumentException("not a card number");
        }
    }

    /** Reads a typed number: case, spaces and dashes do not matter. Empty when it is not a valid card number. */
    public static java.util.Optional<CardNumber> parse(String typed) {
        if (typed == null) {
            return java.util.Optional.empty();
        }
        String compact = typed.replaceAll("[\\s\\-.]", "").toUpperCase(Locale.ROOT);
        try {
            return java.util.Optional.of(new CardNumber(compact));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    public static CardNumber random() {
        return random(RANDOM);
    }

    static CardNumber random(RandomGenerator random) {
        var payload = new StringBuilder(PAYLOAD + 1);
        for (int i = 0; i < PAYLOAD; i++) {
            payload.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new CardNumber(payload.append(checkCharacter(payload)).toString());
    }

    /** Luhn mod N over the alphabet. */
    static char checkCharacter(CharSequence payload) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(payload.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }

    /** As printed: three groups of three. */
    public String formatted() {
        return value.substring(0, 3) + "-" + value.substring(3, 6) + "-" + value.substring(6);
    }

    @Override
    public String toString() {
        return formatted();
    }
}
