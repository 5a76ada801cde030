package eu.localeconomy.membership.payment;

import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;

import java.util.UUID;

/**
 * A payment provider behind a method (Stripe for CARD, in membership.card). Payments asks it whether the method can
 * be offered and lets it give money back; the provider reports payments through {@link Payments#record}.
 */
public interface PaymentGateway {

    PaymentMethod method();

    /** Whether the tenant can take payments this way now (its provider account is connected and can charge). */
    boolean ready(TenantId tenant);

    /**
     * Gives back {@code amount} of the provider payment {@code externalPaymentId}; returns the provider's refund id.
     * Same {@code idempotencyKey}, same refund. Throws {@link PaymentException} when the provider refuses.
     */
    String refund(TenantId tenant, UUID orderId, String externalPaymentId, Money amount, String idempotencyKey);
}
