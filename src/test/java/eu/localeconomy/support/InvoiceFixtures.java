package eu.localeconomy.support;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.extranet.Baskets;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.TermsOfSale;
import eu.localeconomy.membership.invoice.InvoiceSettings;
import eu.localeconomy.membership.invoice.InvoiceSetup;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Invoice settings for tests (complete, every mandatory mention) and orders placed through the extranet's public
 * API (an office from {@link BasketFixtures}, the hotel's basket with a few products, checkout).
 */
@Component
public class InvoiceFixtures {

    /** A made-up but valid seller: SIREN 732829320 (the directory fixtures' company). */
    public static final String SIREN = "732829320";
    public static final String SIRET = "73282932000074";
    public static final String VAT = "FR44732829320";

    private final InvoiceSetup setup;
    private final Baskets baskets;
    private final Orders orders;
    private final TermsOfSale terms;

    InvoiceFixtures(InvoiceSetup setup, Baskets baskets, Orders orders, TermsOfSale terms) {
        this.setup = setup;
        this.baskets = baskets;
        this.orders = orders;
        this.terms = terms;
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

    /**
     * Places the office hotel's order: the mandatory membership (20 % VAT, priced per room), two brochure pages
     * (20 %) and a guide (5.5 %), paid by {@code method}. Returns the order id.
     */
    public UUID placeHotelOrder(BasketFixtures.Office office, PaymentMethod method) {
        var tenant = office.tenant().context();
        var pro = office.hotelPro().principal();
        baskets.open(tenant, office.campaign(), office.hotel(), pro);
        baskets.add(tenant, office.campaign(), office.hotel(), office.products().pages(), 2, Language.FR, pro);
        baskets.add(tenant, office.campaign(), office.hotel(), office.products().guide(), 3, Language.FR, pro);
        return place(office, office.hotel(), pro, method);
    }

    /** Places the basket of another establishment with its mandatory products only. */
    public UUID placeOrder(BasketFixtures.Office office, EstablishmentId establishment,
                           eu.localeconomy.account.AccountPrincipal pro, PaymentMethod method, ProductId... extra) {
        var tenant = office.tenant().context();
        baskets.open(tenant, office.campaign(), establishment, pro);
        for (ProductId product : extra) {
            baskets.add(tenant, office.campaign(), establishment, product, 1, Language.FR, pro);
        }
        return place(office, establishment, pro, method);
    }

    private UUID place(BasketFixtures.Office office, EstablishmentId establishment,
                       eu.localeconomy.account.AccountPrincipal pro, PaymentMethod method) {
        var tenant = office.tenant().context();
        UUID current = terms.current(tenant.id()).orElseThrow().id();
        var outcome = orders.place(tenant, office.campaign(), establishment,
                new Orders.Checkout(method, current, true, UUID.randomUUID()), Language.FR, pro);
        return ((Orders.Placed) outcome).orderId();
    }
}
