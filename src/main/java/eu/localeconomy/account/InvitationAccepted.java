package eu.localeconomy.account;

import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;

import java.util.UUID;

/**
 * Published, inside the transaction that creates the account, when an invited person accepts their invitation.
 * Other modules link the new account to what the invitation was about (a merchant's owner or cashier) without the
 * accounts module knowing about them; a synchronous listener commits or fails together with the account.
 */
public record InvitationAccepted(TenantId tenant, UUID invitationId, UserId account, Role role) {
}
