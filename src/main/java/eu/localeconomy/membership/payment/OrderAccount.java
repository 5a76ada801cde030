package eu.localeconomy.membership.payment;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * An order's money: what it costs ({@code due}, incl. VAT), what was received and given back, what is left to pay
 * ({@code balance} = due − paid + refunded, never below zero, and zero once the order is cancelled or refunded), its status, due date and transfer reference.
 */
public record OrderAccount(java.util.UUID orderId, CampaignId campaignId, EstablishmentId establishmentId,
                           OrderStatus status, PaymentMethod method, Money due, Money paid, Money refunded,
                           Money balance, LocalDate dueDate, String creditorReference, List<PaymentRecord> payments) {

    /** Money received and not given back: what a refund may still return. */
    public Money refundable() {
        return paid.minus(refunded);
    }
}
