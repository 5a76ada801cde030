/**
 * Campaign mailings: the invitation of a campaign's prospects and scheduled reminder steps (no order after N days,
 * basket abandoned, invoice unpaid after its due date) with templates per language and a preview, sent through the
 * mail outbox by a resumable job that never sends the same step twice to an establishment, a log of what was sent,
 * and an opt-out from non-mandatory reminders.
 */
package eu.localeconomy.membership.reminder;
