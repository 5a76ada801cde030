package eu.localeconomy.savings.card;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Map;
import java.util.UUID;

/**
 * Back office, tenant administrators and helpdesk: actions on one card, linked from the household page (which they
 * return to).
 */
@Controller
class CardController {

    private final Cards cards;
    private final IssuanceBatches batches;
    private final CardDocuments documents;
    private final AuditLog audit;

    CardController(Cards cards, IssuanceBatches batches, CardDocuments documents, AuditLog audit) {
        this.cards = cards;
        this.batches = batches;
        this.documents = documents;
        this.audit = audit;
    }

    @PostMapping("/t/{slug}/office/cards/{cardId}/block")
    String block(TenantContext tenant, @PathVariable UUID cardId, @RequestParam(name = "reason", required = false) String reason,
                 RedirectAttributes redirect) {
        var card = cards.find(tenant.id(), cardId).orElseThrow(UnknownCardException::new);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > Cards.MAX_REASON || why.indexOf('\u0000') >= 0) {
            redirect.addFlashAttribute("alert", "card.block.reasonRequired");
        } else if (card.status() == Cards.Status.BLOCKED) {
            redirect.addFlashAttribute("alert", "card.block.already");
        } else {
            cards.block(tenant.id(), cardId, why);
            redirect.addFlashAttribute("notice", "card.block.done");
        }
        return household(tenant, card);
    }

    @PostMapping("/t/{slug}/office/cards/{cardId}/unblock")
    String unblock(TenantContext tenant, @PathVariable UUID cardId, RedirectAttributes redirect) {
        var card = cards.find(tenant.id(), cardId).orElseThrow(UnknownCardException::new);
        if (card.status() != Cards.Status.BLOCKED) {
            redirect.addFlashAttribute("alert", "card.unblock.notBlocked");
        } else {
            cards.unblock(tenant.id(), cardId);
            redirect.addFlashAttribute("notice", "card.unblock.done");
        }
        return household(tenant, card);
    }

    @PostMapping("/t/{slug}/office/cards/{cardId}/reprint")
    Object reprint(TenantContext tenant, @PathVariable UUID cardId, RedirectAttributes redirect) {
        var card = cards.find(tenant.id(), cardId).orElseThrow(UnknownCardException::new);
        return batches.reprint(tenant.id(), cardId)
                .<Object>map(pdf -> pdf(pdf, "card-" + card.number().value() + ".pdf"))
                .orElseGet(() -> {
                    redirect.addFlashAttribute("alert", "card.reprint.blocked");
                    return household(tenant, card);
                });
    }

    @RequestMapping(path = "/t/{slug}/office/cards/{cardId}/digital.pdf", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> digital(TenantContext tenant, @PathVariable UUID cardId,
                                   @RequestParam(name = "language", required = false) String language) {
        var card = cards.find(tenant.id(), cardId).orElseThrow(UnknownCardException::new);
        byte[] pdf = documents.digitalCardPdf(tenant.id(), cardId, Language.fromCode(language).orElse(tenant.defaultLanguage()));
        audit.record(tenant.id(), "card.digital.downloaded", "card", cardId, Map.of());
        return pdf(pdf, "card-" + card.number().value() + ".pdf");
    }

    static ResponseEntity<byte[]> pdf(byte[] pdf, String name) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }

    private static String household(TenantContext tenant, Cards.Card card) {
        return "redirect:" + tenant.path() + "/office/households/" + card.householdId();
    }
}
