package eu.localeconomy.savings.programme;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The share of a purchase credited to a card, as an exact fraction (1/3 is not 33.33 %). Between 0 and 100 %.
 */
public record Rate(int numerator, int denominator) {

    public Rate {
        if (denominator <= 0 || numerator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("a rate is a fraction between 0 and 1");
        }
        int gcd = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).intValue();
        if (gcd > 1) {
            numerator /= gcd;
            denominator /= gcd;
        }
    }

    /** Parses "1/3", "33.3333", "25" or "25 %" (a percentage when there is no slash). */
    public static Rate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new NumberFormatException("empty rate");
        }
        String t = text.trim().replace("%", "").replace(',', '.').trim();
        int slash = t.indexOf('/');
        if (slash > 0) {
            return new Rate(Integer.parseInt(t.substring(0, slash).trim()), Integer.parseInt(t.substring(slash + 1).trim()));
        }
        BigDecimal percent = new BigDecimal(t);
        if (percent.scale() > 4) {
            throw new NumberFormatException("at most four decimals");
        }
        BigDecimal fraction = percent.movePointLeft(2).stripTrailingZeros();
        int scale = Math.max(fraction.scale(), 0);
        return new Rate(fraction.movePointRight(scale).intValueExact(), BigInteger.TEN.pow(scale).intValueExact());
    }

    /** The credit for a purchase, rounded to the cent with the programme's rule. */
    public long applyTo(long cents, Rounding rounding) {
        return BigDecimal.valueOf(cents).multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, rounding.mode()).longValueExact();
    }

    /** As a percentage with up to two decimals, for display ("33.33", "25"). */
    public String percent() {
        return BigDecimal.valueOf(numerator).movePointRight(2)
                .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** As typed back into a form: the fraction when a percentage would not be exact. */
    public String asInput() {
        BigDecimal exact;
        try {
            exact = BigDecimal.valueOf(numerator).movePointRight(2).divide(BigDecimal.valueOf(denominator));
        } catch (ArithmeticException repeating) {
            return numerator + "/" + denominator;
        }
        return exact.stripTrailingZeros().toPlainString();
    }
}
