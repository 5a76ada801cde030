package eu.localeconomy.membership.payment;

import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Money;

import java.time.LocalDate;

/**
 * What the professional must do to pay an order, in one language: shown on the order page, in the confirmation
 * e-mail and on the pro-forma / invoice. Fields that do not apply to the method are null ({@code iban}, {@code bic},
 * {@code accountHolder}, {@code creditorReference} for a transfer; {@code chequePayee}, {@code chequeAddress} for a
 * cheque; {@code cashInstructions} for cash). {@code creditorReference} is formatted in groups of four.
 */
public record PaymentInstructions(PaymentMethod method, Money amountDue, LocalDate dueDate,
                                  String accountHolder, String iban, String bic, String creditorReference,
                                  String chequePayee, String chequeAddress, String cashInstructions) {
}
