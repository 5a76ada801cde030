package eu.localeconomy.savings.terminal;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.shared.TenantContext;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The counter tab of the merchant app: one page whose script does the scanning, the confirmations, the receipts and
 * the offline queue, plus the web app manifest and the service worker that make it installable.
 */
@Controller
class CounterPageController {

    /** Every text the page's script shows, rendered into the page as JSON (CSP forbids inline scripts, not data). */
    static final List<String> SCRIPT_TEXTS = List.of(
            "terminal.js.amountAboveVoucher", "terminal.js.amountInvalid", "terminal.js.amountTooHigh",
            "terminal.js.cameraScanning", "terminal.js.cameraStarting", "terminal.js.cameraUnavailable",
            "terminal.js.capped", "terminal.js.confirmCard", "terminal.js.confirmCredit",
            "terminal.js.confirmPurchase", "terminal.js.confirmVoucher", "terminal.js.creditAfter",
            "terminal.js.deviceMissing", "terminal.js.deviceRegistered", "terminal.js.earnQueued",
            "terminal.js.error", "terminal.js.invalid", "terminal.js.kind.CONVERSION", "terminal.js.kind.CORRECTION",
            "terminal.js.kind.EARN", "terminal.js.kind.REDEEM", "terminal.js.kind.REVERSAL", "terminal.js.looking",
            "terminal.js.network", "terminal.js.noTransactions", "terminal.js.offline", "terminal.js.offlineCard",
            "terminal.js.online",
            "terminal.js.phase.CONVERSION", "terminal.js.phase.EARN", "terminal.js.phase.ENDED",
            "terminal.js.phase.ENROLMENT", "terminal.js.phase.NOT_STARTED", "terminal.js.phase.SPEND",
            "terminal.js.queuedOne", "terminal.js.receiptEarn", "terminal.js.receiptRedeem",
            "terminal.js.redeemOffline", "terminal.js.restOtherMeans", "terminal.js.reverse", "terminal.js.reversed",
            "terminal.js.state.queued", "terminal.js.state.refused", "terminal.js.state.synced",
            "terminal.js.status.ACTIVE", "terminal.js.status.BLOCKED", "terminal.js.status.CREATED",
            "terminal.js.status.ISSUED", "terminal.js.syncedAll", "terminal.js.valid", "terminal.js.voucherLeft");

    private final Merchants merchants;
    private final MessageSource messages;
    private final JsonMapper json = JsonMapper.builder().build();

    CounterPageController(Merchants merchants, MessageSource messages) {
        this.merchants = merchants;
        this.messages = messages;
    }

    @GetMapping("/t/{slug}/merchant")
    String counter(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Locale locale, Model model) {
        var membership = merchants.membershipOf(tenant.id(), me.userId());
        var merchant = membership.flatMap(m -> merchants.find(tenant.id(), m.merchantId()));
        model.addAttribute("merchant", merchant.orElse(null));
        model.addAttribute("owner", me.role() == Role.MERCHANT_OWNER
                && membership.map(m -> m.role() == Merchants.StaffRole.OWNER).orElse(false));
        Map<String, String> texts = new LinkedHashMap<>();
        SCRIPT_TEXTS.forEach(key -> texts.put(key.substring("terminal.js.".length()), messages.getMessage(key, null, locale)));
        // "</" would end the script element early; JSON allows the escaped form.
        model.addAttribute("texts", json.writeValueAsString(texts).replace("</", "<\\/"));
        return "savings/terminal/counter";
    }

    @GetMapping(value = "/t/{slug}/merchant/app.webmanifest", produces = "application/manifest+json")
    ResponseEntity<Map<String, Object>> manifest(TenantContext tenant, Locale locale) {
        String base = tenant.path() + "/merchant";
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", messages.getMessage("terminal.app.name", new Object[]{tenant.name()}, locale));
        manifest.put("short_name", messages.getMessage("terminal.app.shortName", null, locale));
        manifest.put("start_url", base);
        manifest.put("scope", base);
        manifest.put("display", "standalone");
        manifest.put("orientation", "any");
        manifest.put("background_color", "#ffffff");
        manifest.put("theme_color", tenant.primaryColour());
        manifest.put("icons", List.of(
                Map.of("src", "/img/terminal/icon-192.png", "sizes", "192x192", "type", "image/png"),
                Map.of("src", "/img/terminal/icon-512.png", "sizes", "512x512", "type", "image/png"),
                Map.of("src", "/img/terminal/icon.svg", "sizes", "any", "type", "image/svg+xml", "purpose", "any")));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .contentType(MediaType.parseMediaType("application/manifest+json")).body(manifest);
    }

    /**
     * The service worker, served under the app's path so that it may control it; {@code Service-Worker-Allowed}
     * widens its scope to {@code /t/{slug}/merchant} itself (without the trailing slash, the counter's own URL).
     */
    @GetMapping(value = "/t/{slug}/merchant/sw.js")
    ResponseEntity<String> serviceWorker(TenantContext tenant) throws IOException {
        String script = new ClassPathResource("static/js/terminal/sw.js").getContentAsString(StandardCharsets.UTF_8);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .header("Service-Worker-Allowed", tenant.path() + "/merchant")
                .contentType(MediaType.parseMediaType("text/javascript;charset=UTF-8")).body(script);
    }
}
