package eu.localeconomy.membership.payment;

import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Payments of membership orders. Each change locks the order row, appends to {@code membership_payment}, updates the
 * order's paid/refunded totals and status in the same transaction, writes the timeline and the audit log, and
 * publishes {@link PaymentRecorded} / {@link OrderPaid} / {@link RefundRecorded} / {@link OrderCancelled}. Retries
 * with the same idempotency key change nothing and return the first result.
 */
@Service
public class Payments {

    private static final String CONTRACT = "contract: membership.payment";

    public PaymentSettings settings(TenantId tenant) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** Validates (IBAN with iban4j, BIC, instructions required for each method switched on); PaymentException. */
    public void saveSettings(TenantId tenant, PaymentSettings settings, Actor actor) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /**
     * The methods a professional may choose for this campaign, in display order: switched on for the tenant, offered
     * by the campaign (all when the campaign names none), and for CARD only when its gateway is ready.
     */
    public Set<PaymentMethod> methodsFor(TenantId tenant, CampaignId campaign) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** The methods the campaign names (empty = all the tenant's). */
    public Set<PaymentMethod> campaignMethods(TenantId tenant, CampaignId campaign) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    public void saveCampaignMethods(TenantId tenant, CampaignId campaign, Set<PaymentMethod> methods, Actor actor) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** The order's money and status; empty when it is not this tenant's. */
    public Optional<OrderAccount> account(TenantId tenant, UUID orderId) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** How to pay this order, in this language (the order's method, the tenant's settings, what is left to pay). */
    public Optional<PaymentInstructions> instructions(TenantId tenant, UUID orderId, Language language) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /**
     * Records a payment: refused (PaymentException) for a cancelled or refunded order, a non-positive amount, a date
     * in the future, or more than the balance unless {@code acceptOverpayment}. Moves the order to PARTIALLY_PAID or
     * PAID. The same idempotency key returns the first record.
     */
    public PaymentRecord record(TenantId tenant, UUID orderId, PaymentEntry entry, Actor actor) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /**
     * Records a refund of (part of) a payment, through the method's gateway when it has one. Refused for more than
     * what that payment still holds. When everything received is given back the order becomes REFUNDED.
     */
    public PaymentRecord refund(TenantId tenant, UUID orderId, RefundEntry entry, Actor actor) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** Cancels an order that has received nothing (refund first otherwise); releases its stock. */
    public void cancel(TenantId tenant, UUID orderId, String reason, Actor actor) {
        throw new UnsupportedOperationException(CONTRACT);
    }

    /** The day the order is due: placed date + the tenant's due days, as set when the order was placed. */
    public Optional<LocalDate> dueDate(TenantId tenant, UUID orderId) {
        throw new UnsupportedOperationException(CONTRACT);
    }
}
