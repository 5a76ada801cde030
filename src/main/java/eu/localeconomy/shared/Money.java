package eu.localeconomy.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** An exact amount of money: integer cents with its currency. Never a double. */
public record Money(long cents, String currency) implements Comparable<Money> {

    public static final String EUR = "EUR";

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.length() != 3) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
    }

    public static Money euros(long cents) {
        return new Money(cents, EUR);
    }

    /** Parses a typed amount ("12", "12.5", "12,50"); more than two decimals is refused, not rounded. */
    public static Money parse(String text, String currency) {
        if (text == null || text.isBlank()) {
            throw new NumberFormatException("empty amount");
        }
        BigDecimal value = new BigDecimal(text.trim().replace(',', '.'));
        if (value.scale() > 2) {
            throw new NumberFormatException("more than two decimals");
        }
        return new Money(value.movePointRight(2).longValueExact(), currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(cents, other.cents), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(cents, other.cents), currency);
    }

    public boolean isNegative() {
        return cents < 0;
    }

    public BigDecimal amount() {
        return BigDecimal.valueOf(cents, 2);
    }

    /** Plain amount with two decimals and a dot ("150.00"), for forms and files. */
    public String plain() {
        return amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(cents, other.cents);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currencies differ: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return plain() + " " + currency;
    }
}
