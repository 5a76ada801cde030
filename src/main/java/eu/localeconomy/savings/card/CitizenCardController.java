package eu.localeconomy.savings.card;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.shared.TenantContext;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The citizen's own card: the digital card PDF and the QR code to show on a phone at the counter. */
@Controller
class CitizenCardController {

    private final Cards cards;
    private final CardDocuments documents;

    CitizenCardController(Cards cards, CardDocuments documents) {
        this.cards = cards;
        this.documents = documents;
    }

    @GetMapping("/t/{slug}/me/card.pdf")
    Object pdf(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me) {
        var card = cards.ofCitizen(tenant.id(), me.userId()).orElseThrow(UnknownCardException::new);
        if (card.status() == Cards.Status.BLOCKED) {
            // The QR page says why there is no card to show.
            return "redirect:" + tenant.path() + "/me/card/qr";
        }
        ResponseEntity<byte[]> pdf = CardController.pdf(documents.digitalCardPdf(tenant.id(), card.id(), me.language()),
                "card-" + card.number().value() + ".pdf");
        return pdf;
    }

    @GetMapping("/t/{slug}/me/card/qr")
    String qr(TenantContext tenant, @AuthenticationPrincipal AccountPrincipal me, Model model) {
        var card = cards.ofCitizen(tenant.id(), me.userId()).orElseThrow(UnknownCardException::new);
        model.addAttribute("card", card);
        if (card.status() != Cards.Status.BLOCKED) {
            model.addAttribute("qrSvg", documents.qrSvg(tenant.id(), card.id()));
        }
        return "savings/citizen/card-qr";
    }
}
