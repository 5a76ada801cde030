package eu.localeconomy.membership.invoice;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numbering series' format: literal text (letters, digits, {@code - _ / .}) and tags.
 * <ul>
 * <li>{@code {PREFIX}} the series' prefix; {@code {YYYY}} / {@code {YY}} the issue year; {@code {MM}} the issue month;
 * {@code {CAMPAIGN}} the order's campaign season (e.g. 2027);</li>
 * <li>{@code {SEQ:n}} the counter zero-padded to n digits (1 to 12; {@code {SEQ}} = no padding). Exactly one.</li>
 * </ul>
 * The counter resets when the period the format shows changes: every year with {@code {YYYY}} or {@code {YY}}, every
 * month when {@code {MM}} is there too, never otherwise ({@code {CAMPAIGN}} does not reset it: numbers stay
 * chronological across campaigns). {@code {MM}} without a year is refused, as it would repeat numbers every year.
 */
record InvoiceNumberFormat(String format, List<Part> parts, Period period) {

    static final int MAX_LENGTH = 100;
    static final int MAX_NUMBER_LENGTH = 60;

    enum Period { NONE, YEAR, MONTH }

    sealed interface Part {
    }

    record Literal(String text) implements Part {
    }

    record Tag(String name, int width) implements Part {
    }

    private static final Pattern TOKEN = Pattern.compile("\\{([A-Z]+)(?::(\\d{1,3}))?}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_\\-/.]*");
    private static final List<String> TAGS = List.of("PREFIX", "YYYY", "YY", "MM", "CAMPAIGN", "SEQ");

    /** Parses and checks a format; InvoiceException (field {@code field}) names what is wrong. */
    static InvoiceNumberFormat parse(String format, String field) {
        if (format == null || format.isBlank()) {
            throw new InvoiceException(field, "invoice.format.required");
        }
        String text = format.trim();
        if (text.length() > MAX_LENGTH) {
            throw new InvoiceException(field, "invoice.format.tooLong", MAX_LENGTH);
        }
        List<Part> parts = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        int sequences = 0;
        boolean year = false;
        boolean month = false;
        while (m.find()) {
            literal(text.substring(at, m.start()), parts, field);
            String name = m.group(1);
            if (!TAGS.contains(name)) {
                throw new InvoiceException(field, "invoice.format.unknownTag", m.group());
            }
            int width = 0;
            if (m.group(2) != null) {
                if (!name.equals("SEQ")) {
                    throw new InvoiceException(field, "invoice.format.unknownTag", m.group());
                }
                width = Integer.parseInt(m.group(2));
                if (width < 1 || width > 12) {
                    throw new InvoiceException(field, "invoice.format.width", m.group());
                }
            }
            switch (name) {
                case "SEQ" -> sequences++;
                case "YYYY", "YY" -> year = true;
                case "MM" -> month = true;
                default -> { }
            }
            parts.add(new Tag(name, width));
            at = m.end();
        }
        literal(text.substring(at), parts, field);
        if (sequences == 0) {
            throw new InvoiceException(field, "invoice.format.noCounter");
        }
        if (sequences > 1) {
            throw new InvoiceException(field, "invoice.format.twoCounters");
        }
        if (month && !year) {
            throw new InvoiceException(field, "invoice.format.monthWithoutYear");
        }
        return new InvoiceNumberFormat(text, List.copyOf(parts), month ? Period.MONTH : year ? Period.YEAR : Period.NONE);
    }

    private static void literal(String text, List<Part> parts, String field) {
        if (text.isEmpty()) {
            return;
        }
        if (text.contains("{") || text.contains("}")) {
            // A brace outside a well-formed tag: "{seq}", "{SEQ:}", "{YEAR}"…
            int open = text.indexOf('{');
            int close = text.indexOf('}', Math.max(open, 0));
            String shown = open >= 0 && close > open ? text.substring(open, close + 1) : text;
            throw new InvoiceException(field, "invoice.format.unknownTag", shown);
        }
        if (!LITERAL.matcher(text).matches()) {
            throw new InvoiceException(field, "invoice.format.characters", text);
        }
        parts.add(new Literal(text));
    }

    /** The counter's period for a document issued on {@code issuedOn}: "2026-11", "2026" or "-". */
    String periodOf(LocalDate issuedOn) {
        return switch (period) {
            case MONTH -> String.format("%04d-%02d", issuedOn.getYear(), issuedOn.getMonthValue());
            case YEAR -> String.format("%04d", issuedOn.getYear());
            case NONE -> "-";
        };
    }

    /** The number for this counter value. */
    String render(String prefix, LocalDate issuedOn, Integer campaignSeason, long counter) {
        StringBuilder number = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal l -> number.append(l.text());
                case Tag t -> number.append(switch (t.name()) {
                    case "PREFIX" -> prefix == null ? "" : prefix;
                    case "YYYY" -> String.format("%04d", issuedOn.getYear());
                    case "YY" -> String.format("%02d", issuedOn.getYear() % 100);
                    case "MM" -> String.format("%02d", issuedOn.getMonthValue());
                    case "CAMPAIGN" -> campaignSeason == null ? "" : String.valueOf(campaignSeason);
                    case "SEQ" -> t.width() == 0 ? String.valueOf(counter)
                            : String.format("%0" + t.width() + "d", counter);
                    default -> throw new IllegalStateException(t.name());
                });
            }
        }
        return number.toString();
    }

    /** A prefix is literal text of the same characters, at most 20. */
    static String checkPrefix(String prefix, String field) {
        String text = prefix == null ? "" : prefix.trim();
        if (text.length() > 20) {
            throw new InvoiceException(field, "invoice.prefix.tooLong", 20);
        }
        if (!LITERAL.matcher(text).matches()) {
            throw new InvoiceException(field, "invoice.format.characters", text);
        }
        return text;
    }
}
