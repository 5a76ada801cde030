package eu.localeconomy.savings.merchant;

import eu.localeconomy.mail.MailOutbox;
import eu.localeconomy.mail.OutgoingMail;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;
import java.util.UUID;

/** A business applies online: the application is saved for the city, and its contact gets an acknowledgement. */
@Service
class MerchantApplications {

    private final Merchants merchants;
    private final MailOutbox mail;

    MerchantApplications(Merchants merchants, MailOutbox mail) {
        this.merchants = merchants;
        this.mail = mail;
    }

    @Transactional
    UUID apply(TenantContext tenant, Merchants.Draft draft) {
        UUID id = merchants.create(tenant.id(), draft, Merchants.Status.APPLIED, Actor.ANONYMOUS, "application");
        mail.enqueue(new OutgoingMail(tenant.id(), draft.contact().email(),
                Language.fromCode(draft.contact().language()).orElse(tenant.defaultLanguage()),
                "merchant-application-received", Map.of(
                "tenantName", tenant.name(),
                "businessName", draft.businessName(),
                "contactName", draft.contact().name(),
                "link", tenant.path() + "/merchants")));
        return id;
    }

    /** Tells the contact the city approved the merchant (the owner's invitation follows separately). */
    void approved(TenantContext tenant, Merchants.Details merchant) {
        tell(tenant, merchant, "merchant-approved", "");
    }

    /**
     * Tells the contact about a decision that stops or restarts trading: suspended or rejected (with the city's
     * reason), re-activated.
     */
    void statusChanged(TenantContext tenant, Merchants.Details merchant) {
        switch (merchant.status()) {
            case SUSPENDED -> tell(tenant, merchant, "merchant-suspended", merchant.statusReason());
            case REJECTED -> tell(tenant, merchant, "merchant-rejected", merchant.statusReason());
            case APPROVED -> tell(tenant, merchant, "merchant-reactivated", "");
            case APPLIED -> {
            }
        }
    }

    private void tell(TenantContext tenant, Merchants.Details merchant, String template, String reason) {
        mail.enqueue(new OutgoingMail(tenant.id(), merchant.contact().email(),
                Language.fromCode(merchant.contact().language()).orElse(tenant.defaultLanguage()),
                template, Map.of(
                "tenantName", tenant.name(),
                "businessName", merchant.businessName(),
                "contactName", merchant.contact().name(),
                "reason", reason == null ? "" : reason,
                "link", tenant.path() + "/merchants")));
    }
}
