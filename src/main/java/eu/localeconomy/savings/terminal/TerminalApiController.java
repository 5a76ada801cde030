package eu.localeconomy.savings.terminal;

import eu.localeconomy.api.ApiController;
import eu.localeconomy.savings.ledger.Receipt;
import eu.localeconomy.savings.ledger.TransactionKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The counter API for cash registers and native apps, authenticated by a device credential. Every money-moving call
 * needs an {@code Idempotency-Key}: the same key and body answer the original result (with
 * {@code Idempotent-Replayed: true}), the same key with another body is a 409.
 */
@ApiController
@RequestMapping("/api/v1/savings")
@Tag(name = "Savings counter", description = "Scan a savings card, earn credit, redeem vouchers, reverse")
@SecurityRequirement(name = "device")
class TerminalApiController {

    static final String KEY_HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Terminal terminal;
    private final MessageSource messages;

    TerminalApiController(Terminal terminal, MessageSource messages) {
        this.terminal = terminal;
        this.messages = messages;
    }

    @GetMapping("/cards/{numberOrToken}")
    @Operation(summary = "Look up a card by its printed number or its QR token",
            description = "Status, today's phase, what the counter can do (and why not), credit, remaining cap, voucher.")
    @ApiResponse(responseCode = "200", description = "The card")
    @ApiResponse(responseCode = "404", description = "No such card in this organisation (problem unknown-card)")
    CounterJson.CardAnswer card(@AuthenticationPrincipal DeviceSecurityConfiguration.DevicePrincipal device,
                                @PathVariable String numberOrToken, Locale locale) {
        return CounterJson.card(terminal.lookup(device.counter(), numberOrToken), messages, locale);
    }

    @GetMapping("/cards/{numberOrToken}/earning-preview")
    @Operation(summary = "The credit a purchase would earn now, for a confirmation screen")
    CounterJson.PreviewAnswer preview(@AuthenticationPrincipal DeviceSecurityConfiguration.DevicePrincipal device,
                                      @PathVariable String numberOrToken,
                                      @Parameter(example = "12.50") @RequestParam String purchase) {
        return CounterJson.preview(terminal.preview(device.counter(), numberOrToken, purchase));
    }

    @PostMapping("/earnings")
    @Operation(summary = "Register a purchase (earn window): credit = purchase × rate, cut at the card's cap")
    @Parameter(name = KEY_HEADER, in = ParameterIn.HEADER, required = true, description = "One per scan, reused on retries")
    @ApiResponse(responseCode = "201", description = "The receipt (replayed: same body, header Idempotent-Replayed)")
    @ApiResponse(responseCode = "409", description = "Idempotency key reused with another request")
    @ApiResponse(responseCode = "422", description = "Refused: outside-phase, cap-reached, card-blocked, limit-exceeded…")
    ResponseEntity<CounterJson.ReceiptAnswer> earn(
            @AuthenticationPrincipal DeviceSecurityConfiguration.DevicePrincipal device,
            @RequestHeader(name = KEY_HEADER, required = false) String key, @RequestBody CounterJson.EarnRequest body) {
        return created(terminal.earn(device.counter(), body.card(), body.purchase(), key));
    }

    @PostMapping("/redemptions")
    @Operation(summary = "Pay part or all of a purchase by voucher (spend window)")
    @Parameter(name = KEY_HEADER, in = ParameterIn.HEADER, required = true, description = "One per payment")
    @ApiResponse(responseCode = "201", description = "The receipt")
    @ApiResponse(responseCode = "409", description = "Idempotency key reused with another request")
    @ApiResponse(responseCode = "422", description = "Refused: outside-phase, insufficient-voucher-balance, card-blocked…")
    ResponseEntity<CounterJson.ReceiptAnswer> redeem(
            @AuthenticationPrincipal DeviceSecurityConfiguration.DevicePrincipal device,
            @RequestHeader(name = KEY_HEADER, required = false) String key, @RequestBody CounterJson.RedeemRequest body) {
        return created(terminal.redeem(device.counter(), body.card(), body.amount(), key));
    }

    @PostMapping("/transactions/{id}/reversal")
    @Operation(summary = "Undo one of this merchant's earnings or redemptions within the reversal window")
    @Parameter(name = KEY_HEADER, in = ParameterIn.HEADER, required = true, description = "One per reversal")
    @ApiResponse(responseCode = "201", description = "The reversal's receipt")
    @ApiResponse(responseCode = "404", description = "No such transaction of this merchant")
    @ApiResponse(responseCode = "422", description = "Refused: reversal-window-closed, already-reversed, not-reversible")
    ResponseEntity<CounterJson.ReceiptAnswer> reverse(
            @AuthenticationPrincipal DeviceSecurityConfiguration.DevicePrincipal device,
            @RequestHeader(name = KEY_HEADER, required = false) String key, @PathVariable UUID id) {
        return created(terminal.reverse(device.counter(), id, key));
    }

    @GetMapping("/transactions")
    @Operation(summary = "This merchant's transactions, newest first (business dates, both inclusive)")
    List<CounterJson.LineAnswer> transactions(
            @AuthenticationPrincipal DeviceSecurityConfiguration.DevicePrincipal me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Set<TransactionKind> kind,
            @Parameter(description = "Only this device's") @RequestParam(required = false) UUID device,
            @RequestParam(defaultValue = "50") int limit) {
        return terminal.transactions(me.counter(), from, to, kind, device, limit).stream()
                .map(CounterJson::line).toList();
    }

    static ResponseEntity<CounterJson.ReceiptAnswer> created(Receipt receipt) {
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (receipt.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(CounterJson.receipt(receipt));
    }
}
