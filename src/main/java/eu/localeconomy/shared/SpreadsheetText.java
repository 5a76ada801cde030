package eu.localeconomy.shared;

/** Text written to the CSV and XLSX files people open in a spreadsheet (exports, reports). */
public final class SpreadsheetText {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetText() {
    }

    /**
     * Text typed by people (names, reasons, references) that starts with = + - @ would run as a formula when a
     * spreadsheet opens the file: it is written as text, behind an apostrophe. Null is empty. Not for amounts: a
     * negative number must stay a number.
     */
    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
    public static String sheetName(String name) {
        String cleaned = name.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        return cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned;
    }
}
