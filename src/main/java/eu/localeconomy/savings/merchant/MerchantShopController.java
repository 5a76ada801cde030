package eu.localeconomy.savings.merchant;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.UserId;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Map;
import java.util.UUID;

import static org.springframework.http.HttpStatus.FORBIDDEN;

/**
 * Merchant portal, owner's part: the business profile (an IBAN change waits for the city), cashiers (invite,
 * remove) and devices (register with a credential shown once, revoke). Security lets only merchant owners in; this
 * controller finds the shop the owner works for, never one named in the request.
 */
@Controller
class MerchantShopController {

    private final Merchants merchants;
    private final MerchantDevices devices;
    private final MerchantStaff staff;
    private final AuditLog audit;

    MerchantShopController(Merchants merchants, MerchantDevices devices, MerchantStaff staff, AuditLog audit) {
        this.audit = audit;
        this.merchants = merchants;
        this.devices = devices;
        this.staff = staff;
    }

    /** The owner's shop; an owner account not (or no longer) linked to a merchant has nothing to manage. */
    private Merchants.Details shop(TenantContext tenant, AccountPrincipal me) {
        return merchants.membershipOf(tenant.id(), me.userId())
                .filter(m -> m.role() == Merchants.StaffRole.OWNER)
                .flatMap(m -> merchants.details(tenant.id(), m.merchantId()))
                .orElseThrow(() -> new ResponseStatusException(FORBIDDEN));
    }

    @GetMapping("/t/{slug}/merchant/shop")
    String overview(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        var shop = shop(tenant, me);
        model.addAttribute("merchant", shop);
        model.addAttribute("activeDevices", devices.ofMerchant(tenant.id(), shop.id()).stream().filter(d -> !d.revoked()).count());
        model.addAttribute("cashiers", staff.members(tenant.id(), shop.id()).stream()
                .filter(s -> s.role() == Merchants.StaffRole.CASHIER && s.enabled()).count());
        return "savings/merchant-shop/shop";
    }

    // ---- Profile ----------------------------------------------------------------------------------------------

    @GetMapping("/t/{slug}/merchant/shop/profile")
    String profile(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        var shop = shop(tenant, me);
        var form = MerchantForm.of(shop);
        if (shop.pendingIban() != null) {
            form = withIban(form, shop.pendingIban().formatted());
        }
        return profileForm(shop, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/merchant/shop/profile")
    String saveProfile(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                       @ModelAttribute("form") MerchantForm posted, BindingResult errors, HttpServletResponse response,
                       Model model, RedirectAttributes redirect) {
        var shop = shop(tenant, me);
        // What only the city changes is taken from the record, whatever was posted.
        var form = new MerchantForm(shop.businessName(), shop.enterpriseNumber().formatted(), shop.category().name(),
                posted.iban(), posted.street(), posted.houseNumber(), posted.box(), posted.postcode(),
                posted.municipality(), posted.latitude(), posted.longitude(), posted.contactName(),
                posted.contactEmail(), posted.contactPhone(), posted.website(), posted.language());
        var checked = new BeanPropertyBindingResult(form, "form");
        var profile = MerchantRules.checkProfile(form, checked);
        var iban = MerchantRules.iban(form.iban(), "iban", checked);
        if (checked.hasErrors()) {
            response.setStatus(422);
            return profileForm(shop, form, checked, model);
        }
        merchants.updateProfile(tenant.id(), shop.id(), profile.get().address(), profile.get().contact(), me);
        boolean ibanChanged = !iban.equals(shop.iban()) && !iban.equals(shop.pendingIban());
        boolean ibanReverted = iban.equals(shop.iban()) && shop.pendingIban() != null;
        if (ibanChanged || ibanReverted) {
            merchants.requestIbanChange(tenant.id(), shop.id(), iban, me);
        }
        redirect.addFlashAttribute("notice", ibanChanged ? "merchant.shop.profile.savedIbanPending" : "merchant.shop.profile.saved");
        return "redirect:" + tenant.path() + "/merchant/shop/profile";
    }

    private String profileForm(Merchants.Details shop, MerchantForm form, BindingResult errors, Model model) {
        model.addAttribute("merchant", shop);
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("languages", MerchantRules.LANGUAGES.stream().sorted().toList());
        return "savings/merchant-shop/profile";
    }

    private static MerchantForm withIban(MerchantForm f, String iban) {
        return new MerchantForm(f.businessName(), f.enterpriseNumber(), f.category(), iban, f.street(), f.houseNumber(),
                f.box(), f.postcode(), f.municipality(), f.latitude(), f.longitude(), f.contactName(), f.contactEmail(),
                f.contactPhone(), f.website(), f.language());
    }

    // ---- Cashiers ---------------------------------------------------------------------------------------------

    @GetMapping("/t/{slug}/merchant/shop/cashiers")
    String cashiers(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        var shop = shop(tenant, me);
        model.addAttribute("merchant", shop);
        // Names and addresses of the shop's staff: personal data.
        audit.record(me, tenant.id(), "merchant.staff.viewed", "savings_merchant", shop.id(), Map.of());
        model.addAttribute("members", staff.members(tenant.id(), shop.id()));
        model.addAttribute("invitations", staff.pending(tenant.id(), shop.id()).stream()
                .filter(i -> i.role() == Merchants.StaffRole.CASHIER).toList());
        model.addAttribute("languages", MerchantRules.LANGUAGES.stream().sorted().toList());
        return "savings/merchant-shop/cashiers";
    }

    @PostMapping("/t/{slug}/merchant/shop/cashiers")
    String inviteCashier(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                         @RequestParam(name = "email", required = false) String email,
                         @RequestParam(name = "language", required = false) String language,
                         RedirectAttributes redirect) {
        var shop = shop(tenant, me);
        String address = MerchantPublicController.trim(email, 254);
        String notice;
        if (address == null || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            notice = "merchant.shop.cashiers.badEmail";
        } else {
            Language lang = Language.fromCode(language).filter(l -> !l.citizenOnly()).orElse(me.language());
            notice = switch (staff.invite(tenant, shop.id(), address, Merchants.StaffRole.CASHIER, lang, me)) {
                case SENT -> "merchant.shop.cashiers.invited";
                case EMAIL_TAKEN -> "merchant.office.inviteEmailTaken";
            };
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + tenant.path() + "/merchant/shop/cashiers";
    }

    @PostMapping("/t/{slug}/merchant/shop/cashiers/{account}/remove")
    String removeCashier(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, @PathVariable UUID account,
                         RedirectAttributes redirect) {
        var shop = shop(tenant, me);
        boolean removed = staff.removeCashier(tenant.id(), shop.id(), new UserId(account), me);
        redirect.addFlashAttribute("notice", removed ? "merchant.shop.cashiers.removed" : "merchant.office.unchanged");
        return "redirect:" + tenant.path() + "/merchant/shop/cashiers";
    }

    // ---- Devices ----------------------------------------------------------------------------------------------

    @GetMapping("/t/{slug}/merchant/shop/devices")
    String devices(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        var shop = shop(tenant, me);
        model.addAttribute("merchant", shop);
        model.addAttribute("devices", devices.views(tenant.id(), shop.id()));
        return "savings/merchant-shop/devices";
    }

    @PostMapping("/t/{slug}/merchant/shop/devices")
    String register(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me,
                    @RequestParam(name = "name", required = false) String name, HttpServletResponse response,
                    Model model) {
        var shop = shop(tenant, me);
        String deviceName = MerchantPublicController.trim(name, 100);
        if (deviceName == null) {
            response.setStatus(422);
            model.addAttribute("nameError", true);
            return devices(tenant, me, model);
        }
        var registered = devices.register(tenant.id(), shop.id(), deviceName, me.userId());
        // Shown in this response only, never stored or cached: the credential is a password.
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("merchant", shop);
        model.addAttribute("registered", registered);
        return "savings/merchant-shop/device-registered";
    }

    @PostMapping("/t/{slug}/merchant/shop/devices/{id}/revoke")
    String revoke(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, @PathVariable UUID id,
                  RedirectAttributes redirect) {
        var shop = shop(tenant, me);
        boolean revoked = devices.revoke(tenant.id(), shop.id(), id, me.userId());
        redirect.addFlashAttribute("notice", revoked ? "merchant.shop.devices.revokedNotice" : "merchant.office.unchanged");
        return "redirect:" + tenant.path() + "/merchant/shop/devices";
    }

    /** Help for owners and cashiers: the merchant manual. */
    @GetMapping("/t/{slug}/merchant/help")
    String help(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        model.addAttribute("contact", Map.of("tenant", tenant.name()));
        return "savings/merchant-shop/help";
    }
}
