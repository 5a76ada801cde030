package eu.localeconomy.savings.terminal;

import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.ledger.LedgerTransactions;
import eu.localeconomy.savings.ledger.Receipt;
import io.swagger.v3.oas.annotations.media.Schema;
import eu.localeconomy.shared.Money;
import org.springframework.context.MessageSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/**
 * The JSON the counter API and the merchant app exchange. Amounts are decimal strings with a dot and two decimals
 * ("12.50") next to a {@code currency}: exact in every client language (a JSON number becomes a binary float in
 * JavaScript) and what a till prints.
 */
final class CounterJson {

    private CounterJson() {
    }

    @Schema(description = "A purchase registered at the counter in the earn window")
    record EarnRequest(
            @Schema(description = "Printed card number (any case, with or without dashes), the QR token, or the QR URL",
                    example = "K7Q-M4X-PAR") String card,
            @Schema(description = "Purchase amount, decimal string with at most two decimals", example = "12.50")
            String purchase) {
    }

    @Schema(description = "Voucher spent at the counter in the spend window")
    record RedeemRequest(
            @Schema(description = "Printed card number, the QR token, or the QR URL", example = "K7Q-M4X-PAR") String card,
            @Schema(description = "Amount paid by voucher, at most the voucher balance", example = "20.00") String amount) {
    }

    @Schema(description = "Whether an action is possible now; if not, the problem code and its text")
    record Action(boolean allowed, String refusal, String message) {
    }

    @Schema(description = "A card as the counter sees it: no name or address, only what the counter needs")
    record CardAnswer(String number, String status, String phase, Action earn, Action redeem,
                      @Schema(description = "Share of the purchase credited, percent", example = "33.33") String ratePercent,
                      String credit, String cap, String remainingCap, String voucher,
                      @Schema(description = "Largest purchase one scan may register; null: no limit") String maxPurchase,
                      String currency, LocalDate earnUntil, LocalDate spendFrom, LocalDate spendUntil,
                      int reversalWindowMinutes) {
    }

    @Schema(description = "The credit a purchase would earn now (the earn request decides again)")
    record PreviewAnswer(String purchase, String credit, boolean capped, String currency) {
    }

    @Schema(description = "What was recorded and the card's balances right after it")
    record ReceiptAnswer(UUID transactionId, String kind, String card, String purchase, String amount, boolean capped,
                         String creditAfter, String voucherAfter, String currency, UUID reverses, Instant at) {
    }

    @Schema(description = "One of the merchant's transactions")
    record LineAnswer(UUID id, String kind, Instant at, LocalDate businessDate, String card, String purchase,
                      String amount, boolean capped, String compensated, String currency, UUID deviceId,
                      String deviceName, String cashierName, UUID reverses) {
    }

    static CardAnswer card(Terminal.CardView view, MessageSource messages, Locale locale) {
        return new CardAnswer(view.number(), view.status(), view.phase(), action(view.earn(), messages, locale),
                action(view.redeem(), messages, locale), view.ratePercent(), plain(view.credit()), plain(view.cap()),
                plain(view.remainingCap()), plain(view.voucher()), plain(view.maxPurchase()), view.cap().currency(),
                view.earnUntil(), view.spendFrom(), view.spendUntil(), view.reversalWindowMinutes());
    }

    static PreviewAnswer preview(Terminal.Preview preview) {
        return new PreviewAnswer(plain(preview.purchase()), plain(preview.credit()), preview.capped(),
                preview.purchase().currency());
    }

    /** Leaves out {@code replayed}: a replay answers with the original body, the header says it is one. */
    static ReceiptAnswer receipt(Receipt r) {
        return new ReceiptAnswer(r.transactionId(), r.kind().name(), printed(r.cardNumber()), plain(r.purchase()),
                plain(r.amount()), r.capped(), plain(r.creditAfter()), plain(r.voucherAfter()), r.amount().currency(),
                r.reversesId(), r.at());
    }

    static LineAnswer line(LedgerTransactions.Line l) {
        return new LineAnswer(l.id(), l.kind().name(), l.at(), l.businessDate(), printed(l.cardNumber()), plain(l.purchase()),
                plain(l.amount()), l.capped(), plain(l.compensated()), l.amount().currency(), l.deviceId(),
                l.deviceName(), l.cashierName(), l.reversesId());
    }

    private static Action action(Terminal.Action action, MessageSource messages, Locale locale) {
        return action.allowed() ? new Action(true, null, null) : new Action(false, action.refusal(),
                messages.getMessage("api.problem." + action.refusal() + ".title", null, action.refusal(), locale));
    }

    /** As printed on the card (K7Q-M4X-PAR), whatever spelling the ledger keeps. */
    private static String printed(String number) {
        return number == null ? null : CardNumber.parse(number).map(CardNumber::formatted).orElse(number);
    }

    private static String plain(Money money) {
        return money == null ? null : money.plain();
    }
}
