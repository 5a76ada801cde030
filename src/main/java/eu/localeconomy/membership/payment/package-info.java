/**
 * Payments of membership orders: the tenant's payment settings (transfer with IBAN/BIC and an ISO 11649 creditor
 * reference per order, cheque, cash, card) and the methods each campaign offers; the append-only record of money
 * received and given back (offline payments recorded by staff, card payments reported by the provider), the order's
 * status that follows from it, and the order's timeline. Card payments themselves are {@code membership.card}, a
 * {@link eu.localeconomy.membership.payment.PaymentGateway}.
 */
package eu.localeconomy.membership.payment;
