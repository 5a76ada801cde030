package eu.localeconomy.savings.card;

import eu.localeconomy.shared.Language;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static eu.localeconomy.savings.card.CardArtwork.HEIGHT;
import static eu.localeconomy.savings.card.CardArtwork.WIDTH;
import static eu.localeconomy.savings.card.CardArtwork.mm;

/**
 * Writes a print run card by card: the print-ready PDF (OpenPDF flushes each finished page to the stream) and the
 * mail-merge CSV, so a run of 40,000 cards needs no more memory than one page. What is the same on every page (the
 * letterhead and instructions of a carrier letter, the colour band of a card, the crop marks of a sheet) is drawn
 * once per language into a template that every page refers to: fast, and the file stays small.
 */
final class PrintRun implements Closeable {

    /** The mail-merge file's columns. */
    static final String[] CSV_HEADER = {"card_number", "card_number_formatted", "qr_url", "name", "address_line_1",
            "address_line_2", "postcode", "city", "country", "category", "language"};

    /** What every page of a tenant's run shares. */
    record Letterhead(String tenantName, byte[] logo, Color brand, String returnAddress, String homeCountry,
                      Map<Language, String> programmeTitles, String enrolmentPage) {
    }

    private static final float PAGE_WIDTH = PageSize.A4.getWidth();
    private static final float PAGE_HEIGHT = PageSize.A4.getHeight();
    private static final float LEFT = mm(20f);
    private static final int COLUMNS = 2;
    private static final int ROWS = 5;
    private static final Color GREY = new Color(0x55, 0x55, 0x55);

    private final PrintLayout layout;
    private final Letterhead letterhead;
    private final MessageSource messages;
    private final Document document;
    private final PdfWriter writer;
    private final CSVPrinter csv;
    private final Map<Language, PdfTemplate> cardTemplates = new EnumMap<>(Language.class);
    private final Map<Language, PdfTemplate> carrierTemplates = new EnumMap<>(Language.class);
    private PdfTemplate sheetMarks;
    private int cards;
    private int slot;

    PrintRun(OutputStream pdf, OutputStream csv, PrintLayout layout, Letterhead letterhead, MessageSource messages) {
        this.layout = layout;
        this.letterhead = letterhead;
        this.messages = messages;
        this.document = new Document(PageSize.A4, 0, 0, 0, 0);
        try {
            this.writer = PdfWriter.getInstance(document, pdf);
            writer.setFullCompression();
            document.addTitle(letterhead.tenantName());
            document.addCreator(letterhead.tenantName());
            document.open();
            // Excel reads UTF-8 only with a byte order mark; ';' is the list separator of Belgian and French locales.
            var out = new OutputStreamWriter(csv, StandardCharsets.UTF_8);
            out.write('\uFEFF');
            this.csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n")
                    .setHeader(CSV_HEADER).get());
        } catch (DocumentException e) {
            throw new IllegalStateException("print run could not start", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(PrintedCard card) {
        add(card, QrCode.encode(card.qrUrl()));
    }

    /** Adds a card whose QR code was encoded beforehand (encoding is the costliest step, and runs in parallel). */
    void add(PrintedCard card, QrCode qr) {
        try {
            switch (layout) {
                case CARRIER -> carrier(card, qr);
                case SHEET -> sheet(card, qr);
            }
            csv.printRecord(card.number().value(), card.number().formatted(), card.qrUrl(), card.addressee(),
                    line(card, 0), line(card, 1), card.postcode(), card.city(), card.country(), card.category(),
                    card.language().code());
            cards++;
        } catch (DocumentException e) {
            throw new IllegalStateException("card could not be printed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int cards() {
        return cards;
    }

    @Override
    public void close() {
        try {
            if (cards == 0) {
                // A PDF needs a page; an empty run says so rather than failing.
                document.newPage();
                writer.setPageEmpty(false);
            }
            document.close();
            csv.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void carrier(PrintedCard card, QrCode qr) throws DocumentException {
        if (cards > 0) {
            document.newPage();
        }
        PdfContentByte canvas = writer.getDirectContent();
        canvas.addTemplate(carrierTemplate(card.language()), 0, 0);

        // Address field of a DL window envelope (DIN 5008 form B): 20 mm from the left, from 50 mm below the top.
        float baseline = PAGE_HEIGHT - mm(54f);
        for (String line : addressBlock(card)) {
            CardArtwork.text(canvas, line, LEFT, baseline, mm(85f), 10f, 7f, Color.BLACK, false);
            baseline -= mm(4.3f);
        }

        // Between the two folds (99 and 198 mm from the top), so folding never creases the card.
        float x = (PAGE_WIDTH - WIDTH) / 2;
        float y = PAGE_HEIGHT - mm(122f) - HEIGHT;
        placeCard(canvas, card, qr, x, y);
        CardArtwork.cropMarks(canvas, x, y);
    }

    private void sheet(PrintedCard card, QrCode qr) throws DocumentException {
        if (slot == COLUMNS * ROWS) {
            document.newPage();
            slot = 0;
        }
        PdfContentByte canvas = writer.getDirectContent();
        float left = (PAGE_WIDTH - COLUMNS * WIDTH) / 2;
        float bottom = (PAGE_HEIGHT - ROWS * HEIGHT) / 2;
        if (slot == 0) {
            canvas.addTemplate(sheetMarks(left, bottom), 0, 0);
        }
        int column = slot % COLUMNS;
        int row = slot / COLUMNS;
        placeCard(canvas, card, qr, left + column * WIDTH, bottom + (ROWS - 1 - row) * HEIGHT);
        slot++;
    }

    private void placeCard(PdfContentByte canvas, PrintedCard card, QrCode qr, float x, float y) {
        canvas.addTemplate(cardTemplate(card.language()), x, y);
        CardArtwork.drawPersonal(canvas, x, y, card.holderName(), card.number(), qr);
    }

    private PdfTemplate cardTemplate(Language language) {
        return cardTemplates.computeIfAbsent(language, l -> {
            PdfTemplate template = writer.getDirectContent().createTemplate(WIDTH, HEIGHT);
            CardArtwork.drawCommon(template, 0, 0, letterhead.tenantName(), letterhead.brand(),
                    letterhead.programmeTitles().get(l));
            return template;
        });
    }

    /** Crop marks on the margins of a sheet, at every cut between columns and rows. */
    private PdfTemplate sheetMarks(float left, float bottom) {
        if (sheetMarks == null) {
            sheetMarks = writer.getDirectContent().createTemplate(PAGE_WIDTH, PAGE_HEIGHT);
            sheetMarks.setLineWidth(0.25f);
            float right = left + COLUMNS * WIDTH;
            float top = bottom + ROWS * HEIGHT;
            float gap = CardArtwork.CROP_GAP;
            float length = CardArtwork.CROP_LENGTH;
            for (int c = 0; c <= COLUMNS; c++) {
                float x = left + c * WIDTH;
                sheetMarks.moveTo(x, top + gap);
                sheetMarks.lineTo(x, top + gap + length);
                sheetMarks.moveTo(x, bottom - gap);
                sheetMarks.lineTo(x, bottom - gap - length);
            }
            for (int r = 0; r <= ROWS; r++) {
                float y = bottom + r * HEIGHT;
                sheetMarks.moveTo(left - gap, y);
                sheetMarks.lineTo(left - gap - length, y);
                sheetMarks.moveTo(right + gap, y);
                sheetMarks.lineTo(right + gap + length, y);
            }
            sheetMarks.stroke();
        }
        return sheetMarks;
    }

    /** The carrier letter without its addressee and card: letterhead, return address, title, instructions. */
    private PdfTemplate carrierTemplate(Language language) {
        return carrierTemplates.computeIfAbsent(language, l -> {
            PdfTemplate page = writer.getDirectContent().createTemplate(PAGE_WIDTH, PAGE_HEIGHT);
            try {
                drawCarrier(page, l);
            } catch (DocumentException e) {
                throw new IllegalStateException("carrier letter could not be drawn", e);
            }
            return page;
        });
    }

    private void drawCarrier(PdfTemplate page, Language language) throws DocumentException {
        float top = PAGE_HEIGHT - mm(15f);
        float nameX = LEFT;
        if (letterhead.logo() != null) {
            try {
                Image logo = Image.getInstance(letterhead.logo());
                logo.scaleToFit(mm(45f), mm(18f));
                page.addImage(logo, logo.getScaledWidth(), 0, 0, logo.getScaledHeight(), LEFT, top - logo.getScaledHeight());
                nameX = LEFT + logo.getScaledWidth() + mm(5f);
            } catch (IOException | RuntimeException e) {
                // An unreadable logo leaves the letterhead with the name only; the run goes on.
            }
        }
        CardArtwork.text(page, letterhead.tenantName(), nameX, top - mm(7f), PAGE_WIDTH - LEFT - nameX, 12f, 8f, GREY, true);
        // Return address in the window above the addressee (DIN 5008 "Rücksendeangabe").
        CardArtwork.text(page, letterhead.returnAddress(), LEFT, PAGE_HEIGHT - mm(48.5f), mm(85f), 6.5f, 5f, GREY, false);

        // Fold marks for a DL envelope: thirds of the page.
        page.setLineWidth(0.25f);
        page.setGrayStroke(0.5f);
        for (float fold : new float[]{mm(99f), mm(198f)}) {
            page.moveTo(mm(4f), PAGE_HEIGHT - fold);
            page.lineTo(mm(9f), PAGE_HEIGHT - fold);
        }
        page.stroke();

        String title = letterhead.programmeTitles().get(language);
        CardArtwork.text(page, title, LEFT, PAGE_HEIGHT - mm(108f), PAGE_WIDTH - 2 * LEFT, 16f, 10f, Color.BLACK, true);
        CardArtwork.text(page, message("card.document.subtitle", language), LEFT, PAGE_HEIGHT - mm(114f),
                PAGE_WIDTH - 2 * LEFT, 11f, 8f, GREY, false);

        var column = new ColumnText(page);
        column.setSimpleColumn(LEFT, mm(22f), PAGE_WIDTH - LEFT, PAGE_HEIGHT - mm(205f));
        var heading = new Paragraph(new Chunk(message("card.document.howto", language),
                new Font(CardArtwork.FONT, 12f, Font.BOLD, Color.BLACK)));
        heading.setSpacingAfter(3f);
        column.addElement(heading);
        var body = new Font(CardArtwork.FONT, 10f, Font.NORMAL, Color.BLACK);
        for (int step = 1; step <= 4; step++) {
            String key = step == 1 ? "card.carrier.step.1" : "card.document.step." + step;
            var paragraph = new Paragraph(13f, step + ". " + messages.getMessage(key,
                    new Object[]{letterhead.enrolmentPage(), ""}, language.locale()), body);
            paragraph.setIndentationLeft(mm(5f));
            paragraph.setFirstLineIndent(-mm(5f));
            paragraph.setSpacingAfter(4f);
            column.addElement(paragraph);
        }
        column.addElement(new Paragraph(11f, message("card.document.footer", language),
                new Font(CardArtwork.FONT, 8.5f, Font.NORMAL, GREY)));
        column.go();
    }

    /** Name, street lines, postcode and city, and the country when the card leaves the tenant's country. */
    private java.util.List<String> addressBlock(PrintedCard card) {
        var lines = new java.util.ArrayList<String>(6);
        lines.add(card.addressee());
        lines.addAll(card.addressLines());
        lines.add(((card.postcode() == null ? "" : card.postcode()) + " " + (card.city() == null ? "" : card.city())).strip());
        if (card.country() != null && !card.country().equalsIgnoreCase(letterhead.homeCountry())) {
            // Mail abroad ends with the destination country in capitals, in French: the Universal Postal Union's
            // language, which every postal service reads.
            String name = Locale.of("", card.country()).getDisplayCountry(Locale.FRENCH);
            lines.add((name.isBlank() ? card.country() : name).toUpperCase(Locale.FRENCH));
        }
        return lines;
    }

    private static String line(PrintedCard card, int index) {
        return index < card.addressLines().size() ? card.addressLines().get(index) : "";
    }

    private String message(String key, Language language) {
        return messages.getMessage(key, null, language.locale());
    }
}
