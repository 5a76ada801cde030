package eu.localeconomy.support;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.extranet.Baskets;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.invoice.InvoiceSettings;
import eu.localeconomy.membership.invoice.InvoiceSetup;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Invoice settings for tests (complete, every mandatory mention) and orders placed through the extranet's public
 * API (an office from {@link OrderFixtures}, the hotel's basket with a few products, checkout).
 */
@Component
public class InvoiceFixtures {

    /** A made-up but valid seller: SIREN 732829320 (the directory fixtures' company). */
    public static final String SIREN = "732829320";
    public static final String SIRET = "73282932000074";
    public static final String VAT = "FR44732829320";

    private final InvoiceSetup setup;
    private final Baskets baskets;
    private final OrderFixtures orders;

    InvoiceFixtures(InvoiceSetup setup, Baskets baskets, OrderFixtures orders) {
        this.setup = setup;
        this.baskets = baskets;
        this.orders = orders;
    }

    public static InvoiceSettings complete(InvoiceSettings.IssueAt issueAt) {
        return new InvoiceSettings("Office de tourisme de la Baie", "Association loi 1901", "1 quai de la Mer",
                "76790", "Étretat", "FR", SIREN, SIRET, "79.90Z", VAT, InvoiceSettings.VatRegime.STANDARD, null,
                "Claire Martin", "adhesions@office-baie.test", "+33 2 35 00 00 00",
                "Banque de la Baie — IBAN FR76 3000 6000 0112 3456 7890 189", "Paiement à 30 jours.",
                "Pas d'escompte pour paiement anticipé.",
                "Pénalités de retard : trois fois le taux d'intérêt légal.",
                "Indemnité forfaitaire pour frais de recouvrement : 40 €.", "Merci de votre adhésion.", issueAt,
                "FA-{YYYY}-{SEQ:5}", "", "AV-{YYYY}-{SEQ:5}", "");
    }

    public InvoiceSettings completeSettings(TenantId tenant, InvoiceSettings.IssueAt issueAt) {
        return setup.save(tenant, complete(issueAt), Actor.SYSTEM);
    }

    /** An office (payment settings saved, every method on) with complete invoice settings issued at {@code issueAt}. */
    public BasketFixtures.Office office(InvoiceSettings.IssueAt issueAt) {
        var office = orders.office();
        completeSettings(office.tenant().id(), issueAt);
        return office;
    }

    /**
     * Places the office hotel's order: the mandatory membership (20 % VAT, priced per room), two brochure pages
     * (20 %) and three guides (5.5 %), to be paid by {@code method}. Returns the order id.
     */
    public UUID placeHotelOrder(BasketFixtures.Office office, PaymentMethod method) {
        var tenant = office.tenant().context();
        var pro = office.hotelPro().principal();
        baskets.open(tenant, office.campaign(), office.hotel(), pro);
        baskets.add(tenant, office.campaign(), office.hotel(), office.products().pages(), 2, Language.FR, pro);
        baskets.add(tenant, office.campaign(), office.hotel(), office.products().guide(), 3, Language.FR, pro);
        return orders.awaitingPayment(office, method, Language.FR).orderId();
    }

    /** This establishment's professional orders its mandatory lines. */
    public UUID placeOrder(BasketFixtures.Office office, EstablishmentId establishment, TestTenants.Person pro,
                           PaymentMethod method) {
        return orders.awaitingPayment(office, establishment, pro, method, Language.FR).orderId();
    }
}
