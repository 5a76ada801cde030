package eu.localeconomy.tenant;

import java.util.Locale;

/**
 * Derives accessible colours from a tenant's brand colour: WCAG 2.1 AA needs 4.5:1 between text and its background,
 * whatever colour the tenant picked.
 */
final class BrandColours {

    private BrandColours() {
    }

    /** Black or white, whichever reads better on the brand colour. */
    static String textOn(String hex) {
        return contrast(hex, "#ffffff") >= contrast(hex, "#111111") ? "#ffffff" : "#111111";
    }

    /** The brand colour darkened until it reaches 4.5:1 on white, for links and outlines. */
    static String onWhite(String hex) {
        int[] rgb = rgb(hex);
        String candidate = hex;
        while (contrast(candidate, "#ffffff") < 4.5) {
            for (int i = 0; i < 3; i++) {
                rgb[i] = (int) Math.floor(rgb[i] * 0.9);
            }
            candidate = String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
        }
        return candidate;
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int[] rgb = rgb(hex);
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = rgb[i] / 255.0;
            c[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    private static int[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new int[]{(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
    }
}
