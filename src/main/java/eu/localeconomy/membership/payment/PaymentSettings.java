package eu.localeconomy.membership.payment;

import eu.localeconomy.shared.Language;

import java.util.Map;

/**
 * How a tourism office takes payments. Blank texts are null. {@code cashInstructions} says where and when cash is
 * taken, per language. {@code dueDays}: payment is due that many days after the order.
 */
public record PaymentSettings(boolean transferEnabled, String accountHolder, String iban, String bic,
                              boolean chequeEnabled, String chequePayee, String chequeAddress,
                              boolean cashEnabled, Map<Language, String> cashInstructions,
                              boolean cardEnabled, int dueDays) {

    /** A tenant that has saved nothing yet: no method on, 30 days. */
    public static PaymentSettings none() {
        return new PaymentSettings(false, null, null, null, false, null, null, false, Map.of(), false, 30);
    }
}
