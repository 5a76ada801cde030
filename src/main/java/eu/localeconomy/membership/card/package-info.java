/**
 * Card payments of membership orders through Stripe Connect (the official stripe-java SDK): the tenant connects its
 * Stripe account (onboarding link), each payment is a Checkout Session created as a direct charge on that account
 * with the platform's application fee, the professional returns to success / cancel pages, and Stripe's webhooks
 * (signature verified on the raw body, de-duplicated by event id) record the payment through
 * {@link eu.localeconomy.membership.payment.Payments}. Refunds go through the Stripe refund API
 * ({@link eu.localeconomy.membership.payment.PaymentGateway}).
 */
package eu.localeconomy.membership.card;
