package eu.localeconomy.mail;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.context.Context;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.UUID;

/**
 * Queues e-mail. The message is rendered now, in the recipient's language, and stored in the caller's transaction:
 * if the business change rolls back, no mail leaves; if it commits, the dispatcher will deliver it.
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;
    private final MailTemplates templates;
    private final MessageSource messages;
    private final MailProperties properties;
    private final Clock clock;

    MailOutbox(JdbcClient jdbc, MailTemplates templates, MessageSource messages, MailProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public UUID enqueue(OutgoingMail mail) {
        var model = new HashMap<>(mail.model());
        model.put("baseUrl", properties.baseUrl());
        var context = new Context(mail.language().locale(), model);
        String subject = messages.getMessage("mail." + mail.template() + ".subject",
                new Object[]{mail.model().get("tenantName")}, mail.language().locale());
        context.setVariable("subject", subject);
        String html = templates.html(mail.template(), context);
        String text = templates.text(mail.template(), context);
        UUID id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into mail_outbox (id, tenant_id, recipient, language, template, subject, html_body, text_body,
                            status, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(id, mail.tenant() == null ? null : mail.tenant().value(), mail.recipient(), mail.language().code(),
                        mail.template(), subject, html, text, now, now)
                .update();
        int position = 0;
        for (OutgoingMail.Attachment attachment : mail.attachments()) {
            jdbc.sql("""
                            insert into mail_attachment (id, mail_id, position, filename, content_type, content)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), id, position++, attachment.filename(), attachment.contentType(),
                            attachment.content())
                    .update();
        }
        return id;
    }
}
