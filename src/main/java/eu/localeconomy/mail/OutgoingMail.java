package eu.localeconomy.mail;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;

import java.util.Map;

/**
 * An e-mail to send: the template name refers to {@code templates/mail/<template>.html} and {@code .txt}, its subject
 * to the message key {@code mail.<template>.subject}; the model fills both.
 */
public record OutgoingMail(TenantId tenant, String recipient, Language language, String template,
                           Map<String, Object> model) {
}
