package eu.localeconomy.membership.invoice;

import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.InvoiceFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.account.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Before issue every mandatory mention is checked: a missing one is named in the reader's language and nothing is
 * written; an invoice due on an event is blocked instead (the order stands), listed, and issued once fixed.
 */
@IntegrationTest
class CompletenessIT {

    @Autowired BasketFixtures offices;
    @Autowired InvoiceFixtures fixtures;
    @Autowired InvoiceSetup setup;
    @Autowired Invoices invoices;
    @Autowired DirectoryFixtures directory;
    @Autowired Professionals professionals;
    @Autowired TestTenants tenants;
    @Autowired MessageSource messages;
    @Autowired JdbcClient jdbc;

    static Stream<Arguments> missingMentions() {
        return Stream.of(
                Arguments.of(Mention.SELLER_NAME, edit(s -> with(s, "legalName", null)), "la raison sociale du vendeur", "the seller's legal name"),
                Arguments.of(Mention.SELLER_LEGAL_FORM, edit(s -> with(s, "legalForm", null)), "la forme juridique du vendeur", "the seller's legal form"),
                Arguments.of(Mention.SELLER_ADDRESS, edit(s -> with(s, "street", null)), "l'adresse du vendeur", "the seller's address"),
                Arguments.of(Mention.SELLER_SIREN, edit(s -> with(with(with(s, "siren", null), "siret", null), "vatNumber", null)), "le SIREN ou SIRET du vendeur", "the seller's SIREN or SIRET"),
                Arguments.of(Mention.SELLER_VAT, edit(s -> with(s, "vatNumber", null)), "le numéro de TVA intracommunautaire du vendeur", "the seller's VAT number"),
                Arguments.of(Mention.EARLY_PAYMENT, edit(s -> with(s, "earlyPaymentText", null)), "les conditions d'escompte", "the early-payment terms"),
                Arguments.of(Mention.LATE_PENALTY, edit(s -> with(s, "latePenaltyText", null)), "les pénalités de retard", "the late-payment penalties"),
                Arguments.of(Mention.RECOVERY_INDEMNITY, edit(s -> with(s, "recoveryIndemnityText", null)), "l'indemnité forfaitaire de recouvrement de 40 EUR", "the EUR 40 recovery indemnity"));
    }

    private static UnaryOperator<InvoiceSettings> edit(UnaryOperator<InvoiceSettings> edit) {
        return edit;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingMentions")
    void eachMissingMentionIsNamed(Mention mention, UnaryOperator<InvoiceSettings> remove, String french, String english) {
        var office = fixtures.office(InvoiceSettings.IssueAt.PAYMENT);
        var tenant = office.tenant().id();
        setup.save(tenant, remove.apply(InvoiceFixtures.complete(InvoiceSettings.IssueAt.PAYMENT)), Actor.SYSTEM);
        var order = fixtures.placeHotelOrder(office, PaymentMethod.TRANSFER);
        assertThatThrownBy(() -> invoices.issue(tenant, order, Actor.SYSTEM))
                .isInstanceOfSatisfying(InvoiceException.class, e -> {
                    assertThat(e.mention()).isEqualTo(mention);
                    assertThat(e.message(messages, Locale.FRENCH)).isEqualTo("La facture ne peut pas être émise : il manque " + french + ".");
                    assertThat(e.message(messages, Locale.ENGLISH)).isEqualTo("The invoice cannot be issued: " + english + " is missing.");
                    assertThat(e.message(messages, Locale.of("nl"))).startsWith("De factuur kan niet worden uitgegeven: ");
                });
        assertThat(invoices.documentsOf(tenant, order)).isEmpty();
        assertThat(jdbc.sql("select count(*) from membership_invoice_counter where tenant_id = ?").param(tenant.value())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anExemptOfficeNeedsItsExemptionTextAndNoVatNumber() {
        var exempt = with(with(InvoiceFixtures.complete(InvoiceSettings.IssueAt.PAYMENT), "vatNumber", null), "vatRegime",
                InvoiceSettings.VatRegime.EXEMPT);
        assertThatThrownBy(() -> setup.validate(exempt)).isInstanceOfSatisfying(InvoiceException.class,
                e -> assertThat(e.field()).isEqualTo("vatExemptionText"));
        var content = new InvoiceContent(InvoiceContent.Type.INVOICE, null, null, "o", eu.localeconomy.shared.Language.FR,
                "EUR", new InvoiceContent.Party("Office", null, "Association", "1 rue", "76790", "Étretat", "FR", "732829320",
                null, null, null, null, null, null), new InvoiceContent.Party("Hôtel", null, null, null, "76790", "Étretat",
                "FR", null, null, null, null, null, null, null),
                java.util.List.of(new InvoiceContent.Line("A", "Adhésion", 1, 100, 0, 100)),
                java.util.List.of(new InvoiceContent.VatLine(0, 100, 0)), 100, 0, 100, 0, java.time.LocalDate.now(),
                java.time.LocalDate.now(), java.time.LocalDate.now(), null, null,
                new InvoiceContent.Texts(InvoiceSettings.VatRegime.EXEMPT, null, null, "a", "b", "c", null, null), null);
        assertThat(content.missingMention()).contains(Mention.VAT_EXEMPTION);
    }

    @Test
    void aBuyerWithoutAddressIsNamed() {
        var office = fixtures.office(InvoiceSettings.IssueAt.PAYMENT);
        var tenant = office.tenant().id();
        var hotel = directory.establishment(tenant, "Hôtel sans adresse").type(EstablishmentType.HOTEL).rooms(5)
                .city(null, null).create();
        var pro = tenants.person(office.tenant(), Role.PROFESSIONAL);
        professionals.link(tenant, pro.principal().userId(), hotel, Actor.SYSTEM);
        var order = fixtures.placeOrder(office, hotel, pro, PaymentMethod.TRANSFER);
        assertThatThrownBy(() -> invoices.issue(tenant, order, Actor.SYSTEM))
                .isInstanceOfSatisfying(InvoiceException.class, e -> assertThat(e.mention()).isEqualTo(Mention.BUYER_ADDRESS));
    }

    @Test
    void anInvoiceDueAtOrderIsBlockedWithoutFailingTheCheckoutThenIssuedOnceFixed() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.PAYMENT);
        var tenant = office.tenant().id();
        setup.save(tenant, with(InvoiceFixtures.complete(InvoiceSettings.IssueAt.ORDER), "latePenaltyText", null), Actor.SYSTEM);
        var order = fixtures.placeHotelOrder(office, PaymentMethod.TRANSFER);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (invoices.blocked(tenant).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(invoices.blocked(tenant)).singleElement().satisfies(b -> {
            assertThat(b.orderId()).isEqualTo(order);
            assertThat(b.mention()).isEqualTo(Mention.LATE_PENALTY);
        });
        assertThat(jdbc.sql("select status from membership_order where tenant_id = ? and id = ?")
                .params(tenant.value(), order).query(String.class).single()).isEqualTo("AWAITING_PAYMENT");

        fixtures.completeSettings(tenant, InvoiceSettings.IssueAt.ORDER);
        var invoice = invoices.issue(tenant, order, Actor.SYSTEM);
        assertThat(invoice.number()).endsWith("-00001");
        assertThat(invoices.blocked(tenant)).isEmpty();
    }

    /** The settings with one component replaced (records have no withers). */
    static InvoiceSettings with(InvoiceSettings s, String component, Object value) {
        var parts = s.getClass().getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                values[i] = parts[i].getName().equals(component) ? value : parts[i].getAccessor().invoke(s);
            }
            return InvoiceSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
