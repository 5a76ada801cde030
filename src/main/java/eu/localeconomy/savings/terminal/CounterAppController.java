package eu.localeconomy.savings.terminal;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.savings.ledger.Counter;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.shared.TenantContext;
import org.springframework.context.MessageSource;
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
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The merchant app's JSON door: the cashier's session (CSRF header from the page) plus the device's credential in
 * {@code X-Device-Credential}. The device must belong to the cashier's own shop. Same service and same answers as the
 * device API; only the way the counter is known differs.
 */
@RestController
@RequestMapping("/t/{slug}/merchant/app/api")
class CounterAppController {

    static final String DEVICE_HEADER = "X-Device-Credential";
    static final int MAX_DEVICE_NAME = 100;

    private final Terminal terminal;
    private final Merchants merchants;
    private final MerchantDevices devices;
    private final MessageSource messages;

    CounterAppController(Terminal terminal, Merchants merchants, MerchantDevices devices, MessageSource messages) {
        this.terminal = terminal;
        this.merchants = merchants;
        this.devices = devices;
        this.messages = messages;
    }

    record DeviceAnswer(UUID id, String name) {
    }

    record RegisteredAnswer(UUID id, String name, String credential) {
    }

    record RegisterRequest(String name) {
    }

    /** Whether the credential this browser keeps still works here (revoked, or another shop's: 401/403). */
    @GetMapping("/device")
    DeviceAnswer device(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                        @RequestHeader(name = DEVICE_HEADER, required = false) String credential) {
        MerchantDevices.Device device = deviceOf(tenant, me, credential);
        return new DeviceAnswer(device.id(), device.name());
    }

    /** The owner registers the phone or tablet in hand; the page stores the credential, which is never shown again. */
    @PostMapping("/devices")
    ResponseEntity<RegisteredAnswer> register(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                                              @RequestBody RegisterRequest body) {
        Merchants.Membership membership = membership(tenant, me);
        if (me.role() != Role.MERCHANT_OWNER || membership.role() != Merchants.StaffRole.OWNER) {
            throw new TerminalException(HttpStatus.FORBIDDEN, "device-owner-only", null);
        }
        String name = body == null || body.name() == null ? "" : body.name().strip();
        if (name.isEmpty() || name.length() > MAX_DEVICE_NAME) {
            throw new TerminalException(HttpStatus.BAD_REQUEST, "validation", "name");
        }
        var registered = devices.register(tenant.id(), membership.merchantId(), name, me.userId());
        return ResponseEntity.status(HttpStatus.CREATED).body(new RegisteredAnswer(registered.device().id(),
                registered.device().name(), registered.credential()));
    }

    @GetMapping("/cards/{reference}")
    CounterJson.CardAnswer card(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                                @RequestHeader(name = DEVICE_HEADER, required = false) String credential,
                                @PathVariable String reference, Locale locale) {
        return CounterJson.card(terminal.lookup(counter(tenant, me, credential), reference), messages, locale);
    }

    @GetMapping("/cards/{reference}/earning-preview")
    CounterJson.PreviewAnswer preview(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                                      @RequestHeader(name = DEVICE_HEADER, required = false) String credential,
                                      @PathVariable String reference, @RequestParam String purchase) {
        return CounterJson.preview(terminal.preview(counter(tenant, me, credential), reference, purchase));
    }

    @PostMapping("/earnings")
    ResponseEntity<CounterJson.ReceiptAnswer> earn(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                                                   @RequestHeader(name = DEVICE_HEADER, required = false) String credential,
                                                   @RequestHeader(name = TerminalApiController.KEY_HEADER, required = false) String key,
                                                   @RequestBody CounterJson.EarnRequest body) {
        return TerminalApiController.created(terminal.earn(counter(tenant, me, credential), body.card(), body.purchase(), key));
    }

    @PostMapping("/redemptions")
    ResponseEntity<CounterJson.ReceiptAnswer> redeem(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                                                     @RequestHeader(name = DEVICE_HEADER, required = false) String credential,
                                                     @RequestHeader(name = TerminalApiController.KEY_HEADER, required = false) String key,
                                                     @RequestBody CounterJson.RedeemRequest body) {
        return TerminalApiController.created(terminal.redeem(counter(tenant, me, credential), body.card(), body.amount(), key));
    }

    @PostMapping("/transactions/{id}/reversal")
    ResponseEntity<CounterJson.ReceiptAnswer> reverse(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                                                      @RequestHeader(name = DEVICE_HEADER, required = false) String credential,
                                                      @RequestHeader(name = TerminalApiController.KEY_HEADER, required = false) String key,
                                                      @PathVariable UUID id) {
        return TerminalApiController.created(terminal.reverse(counter(tenant, me, credential), id, key));
    }

    /** Recent transactions of this device ({@code scope=device}) or of the whole shop. */
    @GetMapping("/transactions")
    List<CounterJson.LineAnswer> transactions(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                                              @RequestHeader(name = DEVICE_HEADER, required = false) String credential,
                                              @RequestParam(defaultValue = "shop") String scope,
                                              @RequestParam(defaultValue = "20") int limit) {
        Counter counter = counter(tenant, me, credential);
        return terminal.transactions(counter, null, null, null, "device".equals(scope) ? counter.deviceId() : null, limit)
                .stream().map(CounterJson::line).toList();
    }

    private Counter counter(TenantContext tenant, AccountPrincipal me, String credential) {
        MerchantDevices.Device device = deviceOf(tenant, me, credential);
        return new Counter(tenant.id(), device.merchantId(), device.id(), me.userId());
    }

    private MerchantDevices.Device deviceOf(TenantContext tenant, AccountPrincipal me, String credential) {
        Merchants.Membership membership = membership(tenant, me);
        if (credential == null || credential.isBlank() || credential.length() > 200) {
            throw new TerminalException(HttpStatus.UNAUTHORIZED, "device-unauthenticated", null);
        }
        MerchantDevices.Device device = devices.authenticate(credential.strip()).filter(d -> !d.revoked())
                .orElseThrow(() -> new TerminalException(HttpStatus.UNAUTHORIZED, "device-unauthenticated", null));
        if (!device.tenant().equals(tenant.id()) || !device.merchantId().equals(membership.merchantId())) {
            throw new TerminalException(HttpStatus.FORBIDDEN, "device-other-merchant", null);
        }
        return device;
    }

    private Merchants.Membership membership(TenantContext tenant, AccountPrincipal me) {
        return merchants.membershipOf(tenant.id(), me.userId())
                .orElseThrow(() -> new TerminalException(HttpStatus.FORBIDDEN, "no-merchant", null));
    }
}
