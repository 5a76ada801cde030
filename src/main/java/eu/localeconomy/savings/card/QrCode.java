package eu.localeconomy.savings.card;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.openpdf.text.pdf.PdfContentByte;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A QR code as a grid of modules, drawn as vector squares: sharp at any print resolution and far cheaper than a
 * bitmap. Error correction M survives a scratched card; the quiet zone of four modules is part of the grid, so
 * whoever draws it only has to keep the area white.
 */
final class QrCode {

    static final int QUIET_ZONE = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    private final BitMatrix modules;

    private QrCode(BitMatrix modules) {
        this.modules = modules;
    }

    static QrCode encode(String text) {
        try {
            ByteMatrix code = Encoder.encode(text, ErrorCorrectionLevel.M, HINTS).getMatrix();
            int size = code.getWidth() + 2 * QUIET_ZONE;
            var modules = new BitMatrix(size, size);
            for (int y = 0; y < code.getHeight(); y++) {
                for (int x = 0; x < code.getWidth(); x++) {
                    if (code.get(x, y) == 1) {
                        modules.set(x + QUIET_ZONE, y + QUIET_ZONE);
                    }
                }
            }
            return new QrCode(modules);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
    }

    /** Modules per side, quiet zone included. */
    int size() {
        return modules.getWidth();
    }

    boolean dark(int x, int y) {
        return modules.get(x, y);
    }

    /**
     * Draws the code with its lower left corner at (x, y), {@code side} points wide, quiet zone included: a white
     * square, then one filled path of the dark runs of each row (adjacent modules merged, so no hairline seams).
     * Coordinates are in modules under a scaling matrix: small integers keep a 40,000-card file small.
     */
    void draw(PdfContentByte canvas, float x, float y, float side) {
        int n = size();
        float module = side / n;
        canvas.saveState();
        canvas.concatCTM(module, 0, 0, module, x, y);
        canvas.setRGBColorFill(255, 255, 255);
        canvas.rectangle(0, 0, n, n);
        canvas.fill();
        canvas.setRGBColorFill(0, 0, 0);
        for (int row = 0; row < n; row++) {
            int bottom = n - 1 - row;
            int col = 0;
            while (col < n) {
                if (!modules.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < n && modules.get(col, row)) {
                    col++;
                }
                canvas.rectangle(start, bottom, col - start, 1);
            }
        }
        canvas.fill();
        canvas.restoreState();
    }

    /** Standalone SVG, one module per user unit, scaled by whoever shows it (crisp edges, no smoothing). */
    String svg() {
        int n = size();
        var path = new StringBuilder(n * n * 2);
        for (int row = 0; row < n; row++) {
            int col = 0;
            while (col < n) {
                if (!modules.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < n && modules.get(col, row)) {
                    col++;
                }
                path.append('M').append(start).append(' ').append(row).append('h').append(col - start).append("v1h-")
                        .append(col - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\""
                + "><rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/><path fill=\"#000\" d=\""
                + path + "\"/></svg>";
    }
}
