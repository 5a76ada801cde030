package eu.localeconomy.savings.card;

import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;

import static eu.localeconomy.savings.card.CardArtwork.mm;

/**
 * The digital card as an A4 PDF (logo and tenant, programme title, the card at real size with crop marks, how to use
 * it, in the holder's language) and the card's QR code as SVG for the phone view.
 */
@Component
class PdfCardDocuments implements CardDocuments {

    private static final Logger log = LoggerFactory.getLogger(PdfCardDocuments.class);
    private static final float MARGIN = mm(18f);
    private static final Color GREY = new Color(0x55, 0x55, 0x55);

    private final JdbcClient jdbc;
    private final Tenants tenants;
    private final Programmes programmes;
    private final CardTokens tokens;
    private final MessageSource messages;

    PdfCardDocuments(JdbcClient jdbc, Tenants tenants, Programmes programmes, CardTokens tokens, MessageSource messages) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.programmes = programmes;
        this.tokens = tokens;
        this.messages = messages;
    }

    private record CardRow(UUID id, UUID programmeId, CardNumber number, String holderName) {
    }

    @Override
    public byte[] digitalCardPdf(TenantId tenantId, UUID cardId, Language language) {
        Tenant tenant = tenants.findById(tenantId).orElseThrow(UnknownCardException::new);
        CardRow card = card(tenantId, cardId);
        Programme programme = programmes.find(tenantId, card.programmeId()).orElseThrow(UnknownCardException::new);
        String title = programme.text("title", language);
        var face = new CardArtwork.Face(tenant.name(), CardArtwork.colour(tenant.primaryColour()), title,
                card.holderName(), card.number(), tokens.enrolmentUrl(tenant.slug(), tenantId, cardId));
        byte[] logo = tenant.hasLogo() ? tenants.logoImage(tenantId).orElse(null) : null;

        var out = new ByteArrayOutputStream(64 * 1024);
        var document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setFullCompression();
            document.addTitle(title);
            document.addCreator(tenant.name());
            document.open();
            PdfContentByte canvas = writer.getDirectContent();
            float pageWidth = PageSize.A4.getWidth();
            float top = PageSize.A4.getHeight() - MARGIN;

            float headerBottom = header(canvas, tenant.name(), logo, top);
            float y = headerBottom - mm(12f);
            CardArtwork.text(canvas, title, MARGIN, y, pageWidth - 2 * MARGIN, 20f, 12f, Color.BLACK, true);
            y -= mm(8f);
            CardArtwork.text(canvas, message("card.document.subtitle", language), MARGIN, y, pageWidth - 2 * MARGIN,
                    12f, 9f, GREY, false);

            float cardX = (pageWidth - CardArtwork.WIDTH) / 2;
            float cardY = y - mm(14f) - CardArtwork.HEIGHT;
            CardArtwork.draw(canvas, cardX, cardY, face);
            CardArtwork.cropMarks(canvas, cardX, cardY);
            float below = cardY - CardArtwork.CROP_GAP - CardArtwork.CROP_LENGTH - mm(5f);
            canvas.beginText();
            canvas.setFontAndSize(CardArtwork.FONT, 8.5f);
            canvas.setColorFill(GREY);
            canvas.showTextAligned(Element.ALIGN_CENTER, message("card.document.cut", language), pageWidth / 2, below, 0);
            canvas.endText();

            instructions(canvas, language, tokens.enrolmentPage(tenant.slug()), card.number(), below - mm(10f));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("digital card could not be written", e);
        }
        return out.toByteArray();
    }

    @Override
    public String qrSvg(TenantId tenantId, UUID cardId) {
        Tenant tenant = tenants.findById(tenantId).orElseThrow(UnknownCardException::new);
        card(tenantId, cardId);
        return QrCode.encode(tokens.enrolmentUrl(tenant.slug(), tenantId, cardId)).svg();
    }

    private CardRow card(TenantId tenant, UUID cardId) {
        return jdbc.sql("""
                        select c.id, c.programme_id, c.number, h.display_name
                        from savings_card c
                        join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                        where c.tenant_id = ? and c.id = ?""")
                .params(tenant.value(), cardId)
                .query((rs, n) -> new CardRow(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                        new CardNumber(rs.getString("number")), rs.getString("display_name")))
                .optional().orElseThrow(UnknownCardException::new);
    }

    /** The logo (at most 45 × 18 mm) and the tenant's name beside it; returns the header's lower edge. */
    private float header(PdfContentByte canvas, String tenantName, byte[] logo, float top) throws DocumentException {
        float textX = MARGIN;
        float bottom = top - mm(10f);
        if (logo != null) {
            try {
                Image image = Image.getInstance(logo);
                image.scaleToFit(mm(45f), mm(18f));
                image.setAbsolutePosition(MARGIN, top - image.getScaledHeight());
                canvas.addImage(image);
                textX = MARGIN + image.getScaledWidth() + mm(5f);
                bottom = top - Math.max(image.getScaledHeight(), mm(10f));
            } catch (IOException | RuntimeException e) {
                // A logo the PDF library cannot read must not cost the citizen their card.
                log.warn("tenant logo not usable in a PDF: {}", e.toString());
            }
        }
        CardArtwork.text(canvas, tenantName, textX, top - mm(7f), PageSize.A4.getWidth() - MARGIN - textX, 12f, 8f,
                GREY, true);
        return bottom;
    }

    private void instructions(PdfContentByte canvas, Language language, String enrolmentPage, CardNumber number,
                              float top) throws DocumentException {
        var column = new ColumnText(canvas);
        column.setSimpleColumn(MARGIN, MARGIN + mm(12f), PageSize.A4.getWidth() - MARGIN, top);
        var heading = new Paragraph(new Chunk(message("card.document.howto", language),
                new Font(CardArtwork.FONT, 13f, Font.BOLD, Color.BLACK)));
        heading.setSpacingAfter(4f);
        column.addElement(heading);
        var body = new Font(CardArtwork.FONT, 10.5f, Font.NORMAL, Color.BLACK);
        for (int step = 1; step <= 4; step++) {
            var paragraph = new Paragraph(14f, step + ". " + messages.getMessage("card.document.step." + step,
                    new Object[]{enrolmentPage, number.formatted()}, language.locale()), body);
            paragraph.setIndentationLeft(mm(5f));
            paragraph.setFirstLineIndent(-mm(5f));
            paragraph.setSpacingAfter(5f);
            column.addElement(paragraph);
        }
        column.go();

        var footer = new ColumnText(canvas);
        footer.setSimpleColumn(MARGIN, MARGIN - mm(4f), PageSize.A4.getWidth() - MARGIN, MARGIN + mm(10f));
        footer.addElement(new Paragraph(11f, message("card.document.footer", language),
                new Font(CardArtwork.FONT, 8.5f, Font.NORMAL, GREY)));
        footer.go();
    }

    private String message(String key, Language language) {
        return messages.getMessage(key, null, language.locale());
    }
}
