package eu.localeconomy.membership.invoice;

import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.InvoiceFixtures;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.mustangproject.validator.ZUGFeRDValidator;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoices and credit notes are PDF/A-3 with embedded EN 16931 Factur-X XML, as Mustang's validator sees them (veraPDF
 * for PDF/A, the EN 16931 schematron for the XML), and the XML's totals are the order's.
 */
@IntegrationTest
class FacturXIT {

    @Autowired BasketFixtures offices;
    @Autowired InvoiceFixtures fixtures;
    @Autowired Invoices invoices;
    @Autowired Orders orders;
    @Autowired InvoiceSetup setup;

    @Test
    void anInvoiceAndItsCreditNotesAreValidFacturXWithTheOrdersTotals() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.PAYMENT);
        var tenant = office.tenant().id();
        var orderId = fixtures.placeHotelOrder(office, PaymentMethod.TRANSFER);
        var order = orders.find(tenant, orderId).orElseThrow();
        assertThat(order.vatPerRate()).hasSize(2);

        var invoice = invoices.issue(tenant, orderId, Actor.SYSTEM);
        assertThat(invoice.number()).matches("FA-\\d{4}-00001");
        assertThat(invoice.gross()).isEqualTo(order.gross());
        byte[] pdf = invoices.pdf(tenant, invoice.id()).orElseThrow();
        save("invoice.pdf", pdf);
        assertValid(pdf, "invoice.pdf");
        String xml = invoices.xml(tenant, invoice.id()).orElseThrow();
        assertThat(amount(xml, "TaxBasisTotalAmount")).isEqualTo(order.net().plain());
        assertThat(amount(xml, "TaxTotalAmount")).isEqualTo(order.vat().plain());
        assertThat(amount(xml, "GrandTotalAmount")).isEqualTo(order.gross().plain());
        assertThat(amount(xml, "DuePayableAmount")).isEqualTo(order.gross().plain());
        assertThat(xml).contains("<rsm:ExchangedDocument>", "<ram:TypeCode>380</ram:TypeCode>", invoice.number(),
                "urn:cen.eu:en16931:2017");
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Facture " + invoice.number(), "Office de tourisme de la Baie",
                    "Association loi 1901", "Hôtel des Falaises", "Total TTC", "Pas d'escompte",
                    "Indemnité forfaitaire", "Période de la prestation");
        }
        // Issuing again returns the same invoice; the stored bytes never change.
        assertThat(invoices.issue(tenant, orderId, Actor.SYSTEM)).isEqualTo(invoice);
        assertThat(invoices.pdf(tenant, invoice.id()).orElseThrow()).isEqualTo(pdf);

        // A partial refund: a credit note of that amount spread over the two rates, referencing the invoice.
        Money refund = Money.euros(10_000);
        var credit = invoices.creditNote(tenant, orderId, "refund:test-1", refund, Actor.SYSTEM).orElseThrow();
        assertThat(credit.kind()).isEqualTo(InvoiceDocument.Kind.CREDIT_NOTE);
        assertThat(credit.number()).matches("AV-\\d{4}-00001");
        assertThat(credit.creditedInvoiceId()).isEqualTo(invoice.id());
        assertThat(credit.gross()).isEqualTo(refund);
        byte[] creditPdf = invoices.pdf(tenant, credit.id()).orElseThrow();
        save("credit-note.pdf", creditPdf);
        assertValid(creditPdf, "credit-note.pdf");
        String creditXml = invoices.xml(tenant, credit.id()).orElseThrow();
        assertThat(creditXml).contains("<ram:TypeCode>381</ram:TypeCode>", invoice.number());
        assertThat(amount(creditXml, "DuePayableAmount")).isEqualTo(refund.plain());

        // The same refund again changes nothing; cancelling credits what is left, mirroring nothing twice.
        assertThat(invoices.creditNote(tenant, orderId, "refund:test-1", refund, Actor.SYSTEM)).contains(credit);
        var rest = invoices.creditNote(tenant, orderId, Invoices.SOURCE_CANCEL, null, Actor.SYSTEM).orElseThrow();
        assertThat(rest.gross()).isEqualTo(order.gross().minus(refund));
        assertValid(invoices.pdf(tenant, rest.id()).orElseThrow(), "rest.pdf");
        assertThat(invoices.creditNote(tenant, orderId, "refund:test-2", Money.euros(100), Actor.SYSTEM)).isEmpty();
        assertThat(invoices.documentsOf(tenant, orderId)).extracting(InvoiceDocument::number)
                .containsExactly(invoice.number(), credit.number(), rest.number());
    }

    @Test
    void aFullCreditNoteMirrorsTheInvoiceLinesAndAProFormaIsNotNumbered() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.PAYMENT);
        var tenant = office.tenant().id();
        // A logo with transparency and a JPEG of the bank details are printed and keep the PDF/A-3 valid.
        setup.saveImage(tenant, InvoiceImage.Kind.LOGO, image("png", java.awt.image.BufferedImage.TYPE_INT_ARGB), Actor.SYSTEM);
        setup.saveImage(tenant, InvoiceImage.Kind.BANK_DETAILS, image("jpg", java.awt.image.BufferedImage.TYPE_INT_RGB), Actor.SYSTEM);
        var orderId = fixtures.placeHotelOrder(office, PaymentMethod.CHEQUE);
        var order = orders.find(tenant, orderId).orElseThrow();
        var invoice = invoices.issue(tenant, orderId, Actor.SYSTEM);
        var credit = invoices.creditNote(tenant, orderId, "refund:all", order.gross(), Actor.SYSTEM).orElseThrow();
        String xml = invoices.xml(tenant, credit.id()).orElseThrow();
        assertThat(amount(xml, "GrandTotalAmount")).isEqualTo(order.gross().plain());
        assertThat(count(xml, "<ram:IncludedSupplyChainTradeLineItem>")).isEqualTo(order.lines().size());
        assertValid(invoices.pdf(tenant, credit.id()).orElseThrow(), "full-credit.pdf");

        byte[] proForma = invoices.proForma(tenant, orderId, Language.EN).orElseThrow();
        save("pro-forma.pdf", proForma);
        try (var document = Loader.loadPDF(proForma)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("PRO FORMA", "this is not an invoice", "Total incl. VAT")
                    .doesNotContain(invoice.number());
        }
    }

    private static byte[] image(String format, int type) throws Exception {
        var image = new java.awt.image.BufferedImage(300, 120, type);
        var g = image.createGraphics();
        g.setColor(new java.awt.Color(20, 90, 160, 200));
        g.fillOval(10, 10, 280, 100);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static void assertValid(byte[] pdf, String name) {
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(pdf, name);
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        assertThat(report).contains("<summary status=\"valid\"");
    }

    private static String amount(String xml, String element) {
        Matcher m = Pattern.compile("<ram:" + element + "(?: [^>]*)?>([^<]+)</ram:" + element + ">").matcher(xml);
        assertThat(m.find()).as(element).isTrue();
        return new java.math.BigDecimal(m.group(1)).setScale(2).toPlainString();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static void save(String name, byte[] pdf) throws Exception {
        Path dir = Path.of("target/invoices");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), pdf);
    }
}
