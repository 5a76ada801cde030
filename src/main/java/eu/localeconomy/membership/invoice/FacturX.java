package eu.localeconomy.membership.invoice;

import org.mustangproject.BankDetails;
import org.mustangproject.IncludedNote;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.LegalOrganisation;
import org.mustangproject.Product;
import org.mustangproject.SchemedID;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.IZUGFeRDExporter;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Factur-X: turns the printed PDF into PDF/A-3 with Mustang and embeds the EN 16931 CII XML of the same content
 * (Mustang's model computes the XML's totals from the lines, per VAT rate on the sum of the nets, as the order did).
 * A credit note is type 381 and references the invoice it credits.
 */
@Component
class FacturX {

    /** The PDF/A-3 bytes and the XML they embed. */
    record Result(byte[] pdf, String xml) {
    }

    private static final String SIREN_SCHEME = "0002";
    private static final String SIRET_SCHEME = "0009";

    /**
     * The class loader Mustang runs under: the application's, minus the service entry by which Saxon (on the class
     * path for Mustang's validation) becomes every caller's XSLT engine. PDFBox's XMP writer asks JAXP for a new
     * TransformerFactory per document; Saxon's takes 30–50 ms to make, the JDK's well under one, and a plain
     * serialisation needs nothing more.
     */
    private static final ClassLoader WITHOUT_SAXON_SERVICE = new ClassLoader(FacturX.class.getClassLoader()) {
        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.equals("META-INF/services/javax.xml.transform.TransformerFactory")
                    ? Collections.emptyEnumeration() : super.getResources(name);
        }
    };

    Result embed(byte[] pdf, InvoiceContent content) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(WITHOUT_SAXON_SERVICE);
        try {
            return export(pdf, content);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Result export(byte[] pdf, InvoiceContent content) {
        Invoice invoice = model(content);
        try (IZUGFeRDExporter exporter = new ZUGFeRDExporterFromA3().ignorePDFAErrors()
                .setProducer("localeconomy").setCreator("localeconomy")
                .setProfile(Profiles.getByName("EN16931")).load(pdf)) {
            exporter.setTransaction(invoice);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16_000);
            exporter.export(out);
            return new Result(out.toByteArray(), new String(exporter.getProvider().getXML(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Invoice model(InvoiceContent c) {
        boolean exempt = c.texts().regime() == InvoiceSettings.VatRegime.EXEMPT;
        TradeParty sender = party(c.seller(), true);
        var pay = c.payment();
        if (pay != null && pay.iban() != null && c.type() != InvoiceContent.Type.CREDIT_NOTE) {
            transfer(sender, pay.iban().replace(" ", ""), pay.bic(), pay.accountHolder());
        }
        Invoice invoice = new Invoice()
                .setNumber(c.number())
                .setIssueDate(date(c.issuedOn()))
                .setDueDate(date(c.dueDate() == null ? c.issuedOn() : c.dueDate()))
                .setDeliveryDate(date(c.serviceFrom()))
                .setDetailedDeliveryPeriod(date(c.serviceFrom()), date(c.serviceTo()))
                .setCurrency(c.currency())
                .setSender(sender)
                .setRecipient(party(c.buyer(), false))
                .setReferenceNumber(c.orderReference())
                .setBuyerOrderReferencedDocumentID(c.orderReference());
        if (c.type() == InvoiceContent.Type.CREDIT_NOTE) {
            invoice.setCreditNote();
            invoice.setInvoiceReferencedDocumentID(c.creditedNumber());
            invoice.setInvoiceReferencedIssueDate(date(c.creditedIssuedOn()));
        }
        if (c.roundingCents() != 0) {
            invoice.setRoundingAmount(BigDecimal.valueOf(c.roundingCents(), 2));
        }
        List<IncludedNote> notes = new ArrayList<>();
        if (c.texts().earlyPayment() != null) {
            notes.add(IncludedNote.discountBonusNote(c.texts().earlyPayment()));
        }
        if (c.texts().latePenalty() != null) {
            notes.add(IncludedNote.paymentTermNote(c.texts().latePenalty()));
        }
        if (c.texts().recoveryIndemnity() != null) {
            notes.add(IncludedNote.regulatoryNote(c.texts().recoveryIndemnity()));
        }
        if (exempt && c.texts().vatExemption() != null) {
            notes.add(IncludedNote.taxNote(c.texts().vatExemption()));
        }
        if (c.seller().legalForm() != null) {
            notes.add(IncludedNote.legalNote(c.seller().name() + ", " + c.seller().legalForm()));
        }
        invoice.addNotes(notes);
        StringBuilder terms = new StringBuilder();
        if (c.texts().paymentTerms() != null) {
            terms.append(c.texts().paymentTerms());
        }
        if (c.dueDate() != null && terms.isEmpty()) {
            terms.append(c.dueDate());
        }
        if (!terms.isEmpty()) {
            invoice.setPaymentTermDescription(terms.toString());
        }
        if (pay != null && pay.creditorReference() != null) {
            invoice.setPaymentReference(pay.creditorReference().replace(" ", ""));
        }
        for (var line : c.lines()) {
            Product product = new Product(line.designation(), "", "C62", BigDecimal.valueOf(line.vatRateBasisPoints(), 2));
            if (line.code() != null) {
                product.setSellerAssignedID(line.code());
            }
            if (exempt) {
                product.setTaxCategoryCode("E");
                product.setTaxExemptionReason(c.texts().vatExemption());
            } else if (line.vatRateBasisPoints() == 0) {
                product.setTaxCategoryCode("Z");
            }
            invoice.addItem(new Item(product, BigDecimal.valueOf(line.unitPriceCents(), 2),
                    BigDecimal.valueOf(line.quantity())));
        }
        return invoice;
    }

    private static TradeParty party(InvoiceContent.Party p, boolean seller) {
        TradeParty party = new TradeParty(p.name(), p.street() == null ? "" : p.street(), nz(p.postcode()),
                nz(p.city()), p.country() == null ? "FR" : p.country());
        if (p.vatNumber() != null) {
            party.addVATID(p.vatNumber());
        }
        String legalId = p.siren() != null ? p.siren() : p.siret() != null ? p.siret().substring(0, 9) : null;
        if (legalId != null) {
            LegalOrganisation legal = new LegalOrganisation(new SchemedID(SIREN_SCHEME, legalId),
                    p.tradeName() != null ? p.tradeName() : null);
            party.setLegalOrganisation(legal);
        }
        if (p.siret() != null) {
            party.addGlobalID(new SchemedID(SIRET_SCHEME, p.siret()));
        }
        if (seller && p.email() != null) {
            party.setEmail(p.email());
        }
        return party;
    }

    /** Bank details for a transfer, as EN 16931 credit transfer (payment means 58). */
    static void transfer(TradeParty seller, String iban, String bic, String holder) {
        BankDetails bank = new BankDetails(iban, bic);
        if (holder != null) {
            bank.setAccountName(holder);
        }
        seller.addBankDetails(bank);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Date date(LocalDate date) {
        // Mustang formats dates in the JVM's zone: midnight there keeps the day.
        return date == null ? null : Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}
