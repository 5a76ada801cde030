package eu.localeconomy.membership.invoice;

import eu.localeconomy.shared.Language;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The printed invoice, credit note or pro-forma: A4 pages drawn with PDFBox, every font embedded (Source Sans Pro from
 * Mustang's jar) so that the result can become PDF/A-3. Labels in the document's language from the
 * membership-invoice bundle; amounts and dates formatted for it.
 */
@Component
class InvoicePdf {

    private static final float MARGIN = 42;
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final float BODY = 9.5f;
    private static final float SMALL = 8f;
    private static final byte[] REGULAR = resource("fonts/SourceSansPro-Regular.ttf");
    private static final byte[] BOLD = resource("fonts/SourceSansPro-Bold.ttf");
    /**
     * The fonts parsed once per thread (a parsed font reads its file lazily, so it is not shared between threads),
     * without glyph substitution: PDFBox's ligature pass on every text drawn took most of the time, and invoices
     * need no ligatures.
     */
    private static final ThreadLocal<TrueTypeFont[]> FONTS = ThreadLocal.withInitial(
            () -> new TrueTypeFont[]{parse(REGULAR), parse(BOLD)});

    private final MessageSource messages;

    InvoicePdf(MessageSource messages) {
        this.messages = messages;
    }

    private static byte[] resource(String name) {
        try (InputStream in = InvoicePdf.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing font " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TrueTypeFont parse(byte[] bytes) {
        try {
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
            font.setEnableGsub(false);
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] render(InvoiceContent c, InvoiceImage logo, InvoiceImage bankImage) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream(48_000)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title(c) + (c.number() == null ? "" : " " + c.number()));
            info.setAuthor(c.seller().name());
            info.setCreator("localeconomy");
            TrueTypeFont[] fonts = FONTS.get();
            // Subsets embedded: PDF/A wants every font in the file, the subset keeps it small.
            Canvas canvas = new Canvas(doc, PDType0Font.load(doc, fonts[0], true), PDType0Font.load(doc, fonts[1], true),
                    c.language().locale());
            draw(c, canvas, logo, bankImage);
            canvas.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String title(InvoiceContent c) {
        return label(c, switch (c.type()) {
            case INVOICE -> "invoice.pdf.title.invoice";
            case CREDIT_NOTE -> "invoice.pdf.title.creditNote";
            case PRO_FORMA -> "invoice.pdf.title.proForma";
        });
    }

    private String label(InvoiceContent c, String key, Object... args) {
        return messages.getMessage(key, args, c.language().locale());
    }

    private void draw(InvoiceContent c, Canvas p, InvoiceImage logo, InvoiceImage bankImage) throws IOException {
        Locale locale = c.language().locale();
        float top = HEIGHT - MARGIN;
        // Header: logo on the left, the seller's mentions on the right.
        float logoBottom = top;
        if (logo != null) {
            PDImageXObject image = PDImageXObject.createFromByteArray(p.doc, logo.bytes(), "logo");
            float scale = Math.min(150f / image.getWidth(), 64f / image.getHeight());
            float w = image.getWidth() * scale;
            float h = image.getHeight() * scale;
            p.cs.drawImage(image, MARGIN, top - h, w, h);
            logoBottom = top - h;
        }
        var s = c.seller();
        List<String> seller = new ArrayList<>();
        seller.add(join(", ", s.name(), s.legalForm()));
        seller.add(s.street());
        seller.add(join(" ", s.postcode(), s.city()));
        if (s.siren() != null) {
            seller.add(label(c, "invoice.pdf.siren", s.siren()));
        }
        if (s.siret() != null) {
            seller.add(label(c, "invoice.pdf.siret", s.siret()));
        }
        if (s.apeCode() != null) {
            seller.add(label(c, "invoice.pdf.ape", s.apeCode()));
        }
        if (s.vatNumber() != null) {
            seller.add(label(c, "invoice.pdf.vatNumber", s.vatNumber()));
        }
        if (s.contactName() != null || s.email() != null || s.phone() != null) {
            seller.add(label(c, "invoice.pdf.contact", join(" · ", s.contactName(), s.email(), s.phone())));
        }
        float y = top;
        float right = WIDTH / 2 + 20;
        boolean first = true;
        for (String line : seller) {
            if (line == null || line.isBlank()) {
                continue;
            }
            for (String part : p.wrap(line, first ? p.bold : p.regular, BODY, WIDTH - MARGIN - right)) {
                p.text(part, right, y - BODY, first ? p.bold : p.regular, BODY);
                y -= BODY + 3;
            }
            first = false;
        }
        p.y = Math.min(y, logoBottom) - 18;

        // Title, number, dates.
        p.line(title(c) + (c.number() == null ? "" : " " + c.number()), MARGIN, p.bold, 17);
        p.y -= 4;
        if (c.type() == InvoiceContent.Type.PRO_FORMA) {
            p.line(label(c, "invoice.pdf.proForma.notice"), MARGIN, p.bold, BODY + 1);
        }
        p.line(label(c, "invoice.pdf.issuedOn", date(c.issuedOn(), locale)), MARGIN, p.regular, BODY);
        p.line(label(c, "invoice.pdf.order", c.orderReference()), MARGIN, p.regular, BODY);
        if (c.creditedNumber() != null) {
            p.line(label(c, "invoice.pdf.credits", c.creditedNumber(), date(c.creditedIssuedOn(), locale)), MARGIN,
                    p.bold, BODY);
        }
        if (c.serviceFrom() != null && c.serviceTo() != null) {
            p.line(label(c, "invoice.pdf.servicePeriod", date(c.serviceFrom(), locale), date(c.serviceTo(), locale)),
                    MARGIN, p.regular, BODY);
        }

        // Buyer.
        p.y -= 10;
        var b = c.buyer();
        p.line(label(c, "invoice.pdf.billedTo"), MARGIN, p.bold, BODY);
        p.line(b.name(), MARGIN, p.regular, BODY);
        if (b.tradeName() != null && !b.tradeName().equals(b.name())) {
            p.line(b.tradeName(), MARGIN, p.regular, BODY);
        }
        p.line(b.street(), MARGIN, p.regular, BODY);
        p.line(join(" ", b.postcode(), b.city()), MARGIN, p.regular, BODY);
        if (b.siret() != null) {
            p.line(label(c, "invoice.pdf.siret", b.siret()), MARGIN, p.regular, BODY);
        } else if (b.siren() != null) {
            p.line(label(c, "invoice.pdf.siren", b.siren()), MARGIN, p.regular, BODY);
        }
        if (b.vatNumber() != null) {
            p.line(label(c, "invoice.pdf.vatNumber", b.vatNumber()), MARGIN, p.regular, BODY);
        }

        // Lines.
        p.y -= 12;
        float[] cols = {MARGIN, 280, 320, 415, 475};
        float end = WIDTH - MARGIN;
        p.rule();
        p.row(cols, end, p.bold, label(c, "invoice.pdf.col.designation"), label(c, "invoice.pdf.col.quantity"),
                label(c, "invoice.pdf.col.unitPrice"), label(c, "invoice.pdf.col.vatRate"), label(c, "invoice.pdf.col.net"));
        p.rule();
        for (var line : c.lines()) {
            p.row(cols, end, p.regular, line.designation(), String.valueOf(line.quantity()),
                    money(line.unitPriceCents(), c.currency(), locale), rate(line.vatRateBasisPoints(), locale),
                    money(line.netCents(), c.currency(), locale));
        }
        p.rule();

        // VAT per rate and totals, right-aligned.
        p.y -= 4;
        float[] vatCols = {300, 380, 460};
        p.row(vatCols, end, p.bold, label(c, "invoice.pdf.col.vatRate"), label(c, "invoice.pdf.col.vatBase"),
                label(c, "invoice.pdf.col.vatAmount"));
        for (var v : c.vat()) {
            p.row(vatCols, end, p.regular, rate(v.rateBasisPoints(), locale), money(v.netCents(), c.currency(), locale),
                    money(v.vatCents(), c.currency(), locale));
        }
        p.y -= 6;
        float[] totalCols = {300, 460};
        p.row(totalCols, end, p.regular, label(c, "invoice.pdf.totalNet"), money(c.netCents(), c.currency(), locale));
        p.row(totalCols, end, p.regular, label(c, "invoice.pdf.totalVat"), money(c.vatCents(), c.currency(), locale));
        p.row(totalCols, end, p.bold, label(c, "invoice.pdf.totalGross"), money(c.grossCents(), c.currency(), locale));
        if (c.roundingCents() != 0) {
            p.row(totalCols, end, p.regular, label(c, "invoice.pdf.rounding"), money(c.roundingCents(), c.currency(), locale));
            p.row(totalCols, end, p.bold, label(c, "invoice.pdf.payable"), money(c.payableCents(), c.currency(), locale));
        }
        if (c.texts().regime() == InvoiceSettings.VatRegime.EXEMPT && c.texts().vatExemption() != null) {
            p.paragraph(c.texts().vatExemption(), p.bold, BODY);
        }

        // Payment.
        p.y -= 10;
        if (c.type() != InvoiceContent.Type.CREDIT_NOTE) {
            p.paragraph(label(c, "invoice.pdf.dueDate", date(c.dueDate(), locale)), p.bold, BODY);
            var pay = c.payment();
            if (pay != null) {
                p.paragraph(label(c, "invoice.pdf.method." + pay.method().toLowerCase(Locale.ROOT)), p.regular, BODY);
                if (pay.iban() != null) {
                    p.paragraph(label(c, "invoice.pdf.transfer", nz(pay.accountHolder()), pay.iban(), nz(pay.bic())), p.regular, BODY);
                }
                if (pay.creditorReference() != null) {
                    p.paragraph(label(c, "invoice.pdf.reference", pay.creditorReference()), p.bold, BODY);
                }
                if (pay.chequePayee() != null) {
                    p.paragraph(label(c, "invoice.pdf.cheque", pay.chequePayee(), nz(pay.chequeAddress())), p.regular, BODY);
                }
                if (pay.cashInstructions() != null) {
                    p.paragraph(pay.cashInstructions(), p.regular, BODY);
                }
            }
            if (c.texts().bankDetails() != null) {
                p.paragraph(c.texts().bankDetails(), p.regular, BODY);
            }
            if (bankImage != null) {
                PDImageXObject image = PDImageXObject.createFromByteArray(p.doc, bankImage.bytes(), "bank");
                float scale = Math.min(1f, Math.min(260f / image.getWidth(), 110f / image.getHeight()));
                float h = image.getHeight() * scale;
                p.ensure(h + 6);
                p.cs.drawImage(image, MARGIN, p.y - h, image.getWidth() * scale, h);
                p.y -= h + 6;
            }
        }
        p.y -= 6;
        for (String text : new String[]{c.texts().paymentTerms(), c.texts().earlyPayment(), c.texts().latePenalty(),
                c.texts().recoveryIndemnity()}) {
            if (text != null) {
                p.paragraph(text, p.regular, SMALL);
            }
        }
        if (c.texts().footer() != null) {
            p.y -= 8;
            p.paragraph(c.texts().footer(), p.regular, SMALL);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String join(String separator, String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part.trim());
            }
        }
        return String.join(separator, kept);
    }

    static String money(long cents, String currency, Locale locale) {
        boolean english = locale.getLanguage().equals("en");
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setDecimalSeparator(english ? '.' : ',');
        symbols.setGroupingSeparator(english ? ',' : locale.getLanguage().equals("nl") ? '.' : ' ');
        String amount = new DecimalFormat("#,##0.00", symbols).format(BigDecimal.valueOf(cents, 2));
        String symbol = currency.equals("EUR") ? "€" : currency;
        return english ? symbol + amount : amount + " " + symbol;
    }

    static String rate(int basisPoints, Locale locale) {
        String value = BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
        return locale.getLanguage().equals("en") ? value + "%" : value.replace('.', ',') + " %";
    }

    static String date(LocalDate date, Locale locale) {
        if (date == null) {
            return "";
        }
        return date.format(DateTimeFormatter.ofPattern(locale.getLanguage().equals("nl") ? "dd-MM-yyyy" : "dd/MM/yyyy"));
    }

    /** A cursor over pages: text drawn top-down, a new page when the bottom margin is reached. */
    private static final class Canvas {
        final PDDocument doc;
        final PDFont regular;
        final PDFont bold;
        final Locale locale;
        PDPageContentStream cs;
        float y;
        private final Map<Integer, Boolean> glyphs = new HashMap<>();

        Canvas(PDDocument doc, PDFont regular, PDFont bold, Locale locale) throws IOException {
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            this.locale = locale;
            newPage();
        }

        void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = HEIGHT - MARGIN;
        }

        void ensure(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void close() throws IOException {
            cs.close();
        }

        /** Text the font can draw: characters it lacks (emoji, rare scripts typed in a name) become "?". */
        String printable(String text, PDFont font) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                int c = cp == '\t' || cp == '\u202F' || cp == '\u00A0' ? ' ' : cp;
                boolean ok = Character.isISOControl(c) ? false : glyphs.computeIfAbsent(c, k -> {
                    try {
                        font.encode(new String(Character.toChars(k)));
                        return true;
                    } catch (IllegalArgumentException | IOException e) {
                        return false;
                    }
                });
                out.appendCodePoint(ok ? c : '?');
            });
            return out.toString();
        }

        float width(String text, PDFont font, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        void text(String text, float x, float baseline, PDFont font, float size) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, baseline);
            cs.showText(printable(text, font));
            cs.endText();
        }

        List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String paragraph : text.split("\\R")) {
                String line = "";
                for (String word : printable(paragraph, font).split(" ")) {
                    String candidate = line.isEmpty() ? word : line + " " + word;
                    if (width(candidate, font, size) <= width || line.isEmpty()) {
                        line = candidate;
                    } else {
                        lines.add(line);
                        line = word;
                    }
                }
                lines.add(line);
            }
            return lines;
        }

        void line(String text, float x, PDFont font, float size) throws IOException {
            if (text == null || text.isBlank()) {
                return;
            }
            for (String part : wrap(text, font, size, WIDTH - MARGIN - x)) {
                ensure(size + 3);
                text(part, x, y - size, font, size);
                y -= size + 3;
            }
        }

        void paragraph(String text, PDFont font, float size) throws IOException {
            line(text, MARGIN, font, size);
            y -= 2;
        }

        void rule() throws IOException {
            ensure(4);
            cs.setLineWidth(0.5f);
            cs.moveTo(MARGIN, y - 2);
            cs.lineTo(WIDTH - MARGIN, y - 2);
            cs.stroke();
            y -= 4;
        }

        /** One table row: the first column left-aligned and wrapped, the others right-aligned to the next column. */
        void row(float[] columns, float end, PDFont font, String... cells) throws IOException {
            float firstWidth = (columns.length > 1 ? columns[1] : end) - columns[0] - 8;
            List<String> first = wrap(cells[0] == null ? "" : cells[0], font, BODY, firstWidth);
            float height = first.size() * (BODY + 3) + 2;
            ensure(height);
            float baseline = y - BODY - 1;
            for (int i = 0; i < first.size(); i++) {
                text(first.get(i), columns[0], baseline - i * (BODY + 3), font, BODY);
            }
            for (int i = 1; i < cells.length; i++) {
                float colEnd = i + 1 < columns.length ? columns[i + 1] - 6 : end;
                String cell = printable(cells[i] == null ? "" : cells[i], font);
                text(cell, colEnd - width(cell, font, BODY), baseline, font, BODY);
            }
            y -= height;
        }
    }
}
