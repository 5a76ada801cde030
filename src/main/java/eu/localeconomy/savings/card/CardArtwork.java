package eu.localeconomy.savings.card;

import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Draws a card (ISO/IEC 7810 ID-1, 85.6 × 54 mm) at its real size: the tenant's colour band with its name and the
 * programme title, the holder's name, the card number and the QR code, plus crop marks around it. The digital card
 * and the print run draw the very same face. The face carries no language-dependent label, so one card suits
 * every language of the household.
 */
final class CardArtwork {

    static final float WIDTH = mm(85.6f);
    static final float HEIGHT = mm(54f);
    private static final float CORNER = mm(3.18f);
    private static final float BAND = mm(13f);
    private static final float PADDING = mm(5f);
    private static final float QR_SIDE = mm(30f);
    private static final float QR_MARGIN = mm(2f);
    static final float CROP_GAP = mm(2f);
    static final float CROP_LENGTH = mm(5f);

    /**
     * Liberation Sans (shipped inside OpenPDF), embedded as a subset with Identity-H: unlike the standard fonts with
     * WinAnsi it covers Latin Extended, so "Łukasz" or "Dvořák" print as written. Created once: the glyphs used are
     * tracked per document, not in the font.
     */
    static final BaseFont FONT = loadFont();

    private CardArtwork() {
    }

    static float mm(float millimetres) {
        return millimetres * 72f / 25.4f;
    }

    /** What a card shows. */
    record Face(String tenantName, Color brand, String programmeTitle, String holderName, CardNumber number,
                String qrUrl) {
    }

    /** Draws the card with its lower left corner at (x, y), with a hairline outline showing its shape on screen. */
    static void draw(PdfContentByte canvas, float x, float y, Face face) {
        drawCommon(canvas, x, y, face.tenantName(), face.brand(), face.programmeTitle());
        drawPersonal(canvas, x, y, face.holderName(), face.number(), QrCode.encode(face.qrUrl()));
        canvas.saveState();
        canvas.setLineWidth(0.3f);
        canvas.setRGBColorStroke(190, 190, 190);
        canvas.roundRectangle(x, y, WIDTH, HEIGHT, CORNER);
        canvas.stroke();
        canvas.restoreState();
    }

    /**
     * What every card of a programme shares: the white card, the colour band with the tenant's name and the
     * programme title. A print run draws it once into a template and places that on every page.
     */
    static void drawCommon(PdfContentByte canvas, float x, float y, String tenantName, Color brand, String programmeTitle) {
        canvas.saveState();
        canvas.setRGBColorFill(255, 255, 255);
        canvas.roundRectangle(x, y, WIDTH, HEIGHT, CORNER);
        canvas.fill();
        // The colour band follows the card's rounded corners.
        canvas.saveState();
        canvas.roundRectangle(x, y, WIDTH, HEIGHT, CORNER);
        canvas.clip();
        canvas.newPath();
        canvas.setColorFill(brand);
        canvas.rectangle(x, y + HEIGHT - BAND, WIDTH, BAND);
        canvas.fill();
        canvas.restoreState();
        Color onBrand = readableOn(brand);
        float textWidth = WIDTH - 2 * PADDING;
        text(canvas, tenantName, x + PADDING, y + HEIGHT - mm(6f), textWidth, 9f, 6f, onBrand, true);
        text(canvas, programmeTitle, x + PADDING, y + HEIGHT - mm(10.5f), textWidth, 7.5f, 5.5f, onBrand, false);
        canvas.restoreState();
    }

    /** What is personal to a card: the holder's name, the number and the QR code. */
    static void drawPersonal(PdfContentByte canvas, float x, float y, String holderName, CardNumber number, QrCode qr) {
        float qrX = x + WIDTH - QR_MARGIN - QR_SIDE;
        qr.draw(canvas, qrX, y + QR_MARGIN + mm(1f), QR_SIDE);
        float leftWidth = qrX - x - PADDING - mm(1f);
        text(canvas, holderName, x + PADDING, y + mm(24f), leftWidth, 9.5f, 6f, Color.BLACK, true);
        canvas.saveState();
        canvas.setCharacterSpacing(0.6f);
        text(canvas, number.formatted(), x + PADDING, y + mm(12f), leftWidth, 15f, 9f, Color.BLACK, true);
        canvas.restoreState();
    }

    /** Crop marks at the four corners of a card at (x, y), outside the card so the cut leaves no trace. */
    static void cropMarks(PdfContentByte canvas, float x, float y) {
        canvas.saveState();
        canvas.setLineWidth(0.25f);
        canvas.setRGBColorStroke(0, 0, 0);
        float[] xs = {x, x + WIDTH};
        float[] ys = {y, y + HEIGHT};
        for (float cx : xs) {
            for (float cy : ys) {
                float outX = cx == x ? -1 : 1;
                float outY = cy == y ? -1 : 1;
                canvas.moveTo(cx + outX * CROP_GAP, cy);
                canvas.lineTo(cx + outX * (CROP_GAP + CROP_LENGTH), cy);
                canvas.moveTo(cx, cy + outY * CROP_GAP);
                canvas.lineTo(cx, cy + outY * (CROP_GAP + CROP_LENGTH));
            }
        }
        canvas.stroke();
        canvas.restoreState();
    }

    /**
     * One line of text at a baseline, shrunk down to {@code minSize} to fit the width, then shortened with an
     * ellipsis: a long name never runs into the QR code. Bold is simulated by stroking the glyphs.
     */
    static void text(PdfContentByte canvas, String text, float x, float baseline, float maxWidth, float size,
                     float minSize, Color colour, boolean bold) {
        if (text == null || text.isBlank()) {
            return;
        }
        String line = text.strip();
        float fontSize = size;
        while (FONT.getWidthPoint(line, fontSize) > maxWidth && fontSize > minSize) {
            fontSize = Math.max(minSize, fontSize - 0.5f);
        }
        if (FONT.getWidthPoint(line, fontSize) > maxWidth) {
            while (line.length() > 1 && FONT.getWidthPoint(line + "…", fontSize) > maxWidth) {
                line = line.substring(0, line.length() - 1);
            }
            line = line.strip() + "…";
        }
        canvas.saveState();
        canvas.beginText();
        canvas.setFontAndSize(FONT, fontSize);
        canvas.setColorFill(colour);
        if (bold) {
            canvas.setColorStroke(colour);
            canvas.setLineWidth(fontSize / 30f);
            canvas.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE);
        }
        canvas.setTextMatrix(x, baseline);
        canvas.showText(line);
        canvas.endText();
        canvas.restoreState();
    }

    /** Black or white, whichever reads better on the colour (WCAG relative luminance). */
    static Color readableOn(Color background) {
        double l = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen())
                + 0.0722 * linear(background.getBlue());
        return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? Color.BLACK : Color.WHITE;
    }

    static Color colour(String hex) {
        try {
            return Color.decode(hex);
        } catch (RuntimeException e) {
            return new Color(0x33, 0x33, 0x33);
        }
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static BaseFont loadFont() {
        String name = "font-fallback/LiberationSans-Regular.ttf";
        try (InputStream in = BaseFont.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
