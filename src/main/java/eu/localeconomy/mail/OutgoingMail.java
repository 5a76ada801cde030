package eu.localeconomy.mail;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;

import java.util.List;
import java.util.Map;

/**
 * An e-mail to send: the template name refers to {@code templates/mail/<template>.html} and {@code .txt}, its subject
 * to the message key {@code mail.<template>.subject}; the model fills both. Attachments are stored with the mail in
 * the outbox and deleted with it.
 */
public record OutgoingMail(TenantId tenant, String recipient, Language language, String template,
                           Map<String, Object> model, List<Attachment> attachments) {

    /** Model key of a subject given as written (e.g. by staff), instead of the template's message key. */
    public static final String SUBJECT = "subject";

    public OutgoingMail {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public OutgoingMail(TenantId tenant, String recipient, Language language, String template, Map<String, Object> model) {
        this(tenant, recipient, language, template, model, List.of());
    }

    /** A file sent with the mail, e.g. a PDF. */
    public record Attachment(String filename, String contentType, byte[] content) {

        public Attachment {
            if (filename == null || filename.isBlank() || contentType == null || content == null) {
                throw new IllegalArgumentException("an attachment needs a name, a type and content");
            }
        }
    }
}
