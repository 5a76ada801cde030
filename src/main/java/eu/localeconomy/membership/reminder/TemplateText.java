package eu.localeconomy.membership.reminder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in reminder templates: which exist, which a step may use, how they are filled in, and how a filled-in
 * body becomes paragraphs of text and links (the HTML mail and the preview escape the text and only link the URLs).
 */
final class TemplateText {

    static final List<String> PLACEHOLDERS = List.of("establishment", "campaign", "link", "amount", "dueDate",
            "optOutLink");
    static final int SUBJECT_MAX = 200;
    static final int BODY_MAX = 10_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]{0,40})}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    /** A piece of a line: text, or a link when {@code href} is set. */
    record Segment(String text, String href) {
    }

    /** A problem with a template: the field, the message key and its argument (a placeholder), if any. */
    record Problem(String field, String key, String argument) {
    }

    private TemplateText() {
    }

    /** What is wrong with a template for this step; empty when it can be saved. */
    static List<Problem> check(Trigger trigger, boolean mandatory, String subject, String body) {
        List<Problem> problems = new ArrayList<>();
        if (subject == null || subject.isBlank()) {
            problems.add(new Problem("subject", "reminder.template.error.subjectRequired", null));
        } else if (subject.length() > SUBJECT_MAX || subject.contains("\n") || subject.contains("\r")) {
            problems.add(new Problem("subject", "reminder.template.error.subjectLength", null));
        }
        if (body == null || body.isBlank()) {
            problems.add(new Problem("body", "reminder.template.error.bodyRequired", null));
        } else if (body.length() > BODY_MAX) {
            problems.add(new Problem("body", "reminder.template.error.bodyLength", null));
        }
        for (String field : List.of("subject", "body")) {
            String text = field.equals("subject") ? subject : body;
            for (String name : placeholders(text)) {
                if (!PLACEHOLDERS.contains(name)) {
                    problems.add(new Problem(field, "reminder.template.error.unknown", "{" + name + "}"));
                } else if ((name.equals("amount") || name.equals("dueDate")) && !trigger.aboutOrder()) {
                    problems.add(new Problem(field, "reminder.template.error.orderOnly", "{" + name + "}"));
                } else if (name.equals("optOutLink") && mandatory) {
                    problems.add(new Problem(field, "reminder.template.error.optOutMandatory", "{" + name + "}"));
                }
            }
        }
        if (!mandatory && body != null && !body.isBlank() && !placeholders(body).contains("optOutLink")) {
            problems.add(new Problem("body", "reminder.template.error.optOutMissing", "{optOutLink}"));
        }
        return problems;
    }

    /** The placeholder names used in a text, in order of appearance. */
    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Replaces the known placeholders that have a value; others stay as written. */
    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Paragraphs (separated by blank lines) of lines of segments: what the HTML mail and the preview show. */
    static List<List<List<Segment>>> paragraphs(String text) {
        List<List<List<Segment>>> paragraphs = new ArrayList<>();
        for (String paragraph : text.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            List<List<Segment>> lines = new ArrayList<>();
            for (String line : paragraph.split("\n")) {
                lines.add(segments(line));
            }
            paragraphs.add(lines);
        }
        return paragraphs;
    }

    private static List<Segment> segments(String line) {
        List<Segment> segments = new ArrayList<>();
        Matcher m = URL.matcher(line);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                segments.add(new Segment(line.substring(at, m.start()), null));
            }
            segments.add(new Segment(m.group(), m.group()));
            at = m.end();
        }
        if (at < line.length()) {
            segments.add(new Segment(line.substring(at), null));
        }
        return segments;
    }
}
