package eu.localeconomy.mail;

import eu.localeconomy.shared.TenantId;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.context.Context;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
        // A subject written by staff (campaign reminders) is taken as written; the others come from the bundles.
        String subject = mail.model().get(OutgoingMail.SUBJECT) instanceof String written && !written.isBlank()
                ? written
                : messages.getMessage("mail." + mail.template() + ".subject",
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

    /**
     * The delivery state of these mails of the tenant (PENDING, SENT, CAPTURED or FAILED); a mail purged after its
     * retention, or of another tenant, is absent from the map.
     */
    public Map<UUID, String> states(TenantId tenant, Collection<UUID> ids) {
        Map<UUID, String> states = new HashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        jdbc.sql("select id, status from mail_outbox where tenant_id = ? and id = any(?)")
                .params(tenant.value(), ids.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list()
                .forEach(e -> states.put(e.getKey(), e.getValue()));
        return states;
    }

    /** The absolute address of a path of the platform, as links inside mails must be. */
    public String absolute(String path) {
        return properties.baseUrl() + path;
    }
}
