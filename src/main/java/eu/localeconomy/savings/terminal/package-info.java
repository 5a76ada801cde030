/**
 * The counter: the merchant app (scan or type a card, earn, redeem, reverse, offline queue) and the device API under
 * {@code /api/v1/savings} for cash registers and native apps. Both go through {@link eu.localeconomy.savings.terminal.Terminal},
 * which resolves the card, checks who stands at the counter and hands the movement to the ledger.
 */
package eu.localeconomy.savings.terminal;
