package eu.localeconomy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Delivers the outbox. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so two nodes never send the same mail;
 * failures are retried with exponential back-off. Without an SMTP server (no {@code spring.mail.host}), mails are
 * marked captured and shown in the development mailbox instead.
 */
@Component
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 25;

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> senderProvider;
    private final MailProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MailDispatcher(JdbcClient jdbc, ObjectProvider<JavaMailSender> senderProvider, MailProperties properties,
                   TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.senderProvider = senderProvider;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    boolean capturing() {
        return senderProvider.getIfAvailable() == null;
    }

    @Scheduled(fixedDelayString = "${app.mail.poll-interval:2s}", initialDelayString = "${app.mail.poll-interval:2s}")
    @SchedulerLock(name = "mail-dispatcher", lockAtMostFor = "PT5M")
    void dispatchScheduled() {
        dispatchDue();
    }

    /** Sends every due mail, batch by batch; returns how many were handled. */
    int dispatchDue() {
        int total = 0;
        int handled;
        do {
            handled = transactions.execute(status -> dispatchBatch());
            total += handled;
        } while (handled == BATCH);
        return total;
    }

    private int dispatchBatch() {
        Instant now = clock.instant();
        List<Pending> due = jdbc.sql("""
                        select id, recipient, subject, html_body, text_body, attempts from mail_outbox
                        where status = 'PENDING' and next_attempt_at <= ?
                        order by next_attempt_at limit ? for update skip locked""")
                .params(Timestamp.from(now), BATCH)
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6)))
                .list();
        JavaMailSender sender = senderProvider.getIfAvailable();
        for (Pending mail : due) {
            if (sender == null) {
                jdbc.sql("update mail_outbox set status = 'CAPTURED', sent_at = ?, attempts = attempts + 1 where id = ?")
                        .params(Timestamp.from(now), mail.id()).update();
                continue;
            }
            try {
                sender.send(toMime(sender, mail));
                jdbc.sql("update mail_outbox set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null where id = ?")
                        .params(Timestamp.from(now), mail.id()).update();
            } catch (MailException | MessagingException e) {
                int attempts = mail.attempts() + 1;
                boolean giveUp = attempts >= properties.maxAttempts();
                Duration backoff = Duration.ofSeconds(Math.min(30L << Math.min(attempts - 1, 10), 6 * 3600));
                // The recipient address is personal data: the log names the mail by id only.
                log.warn("Mail {} attempt {} failed: {}", mail.id(), attempts, e.getClass().getSimpleName());
                jdbc.sql("""
                                update mail_outbox set attempts = ?, status = ?, next_attempt_at = ?, last_error = ?
                                where id = ?""")
                        .params(attempts, giveUp ? "FAILED" : "PENDING", Timestamp.from(now.plus(backoff)),
                                truncate(e.getMessage()), mail.id())
                        .update();
            }
        }
        return due.size();
    }

    /** Delivered and captured mails contain personal data and links; they are not kept beyond the retention (their
     * attachments go with them: on delete cascade). */
    @Scheduled(cron = "${app.mail.purge-cron:0 17 3 * * *}")
    @SchedulerLock(name = "mail-purge", lockAtMostFor = "PT30M")
    void purgeDelivered() {
        int purged = jdbc.sql("delete from mail_outbox where status in ('SENT', 'CAPTURED', 'FAILED') and created_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.retention()))).update();
        if (purged > 0) {
            log.info("Purged {} delivered mails older than {}", purged, properties.retention());
        }
    }

    private MimeMessage toMime(JavaMailSender sender, Pending mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        var helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        jdbc.sql("select filename, content_type, content from mail_attachment where mail_id = ? order by position")
                .param(mail.id())
                .query((rs, n) -> new OutgoingMail.Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .list()
                .forEach(attachment -> addAttachment(helper, attachment));
        message.setHeader("X-Outbox-Id", mail.id().toString());
        return message;
    }

    private static void addAttachment(MimeMessageHelper helper, OutgoingMail.Attachment attachment) {
        try {
            helper.addAttachment(attachment.filename(), new ByteArrayResource(attachment.content()), attachment.contentType());
        } catch (MessagingException e) {
            throw new MailPreparationException("attachment " + attachment.filename(), e);
        }
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    private record Pending(UUID id, String recipient, String subject, String html, String text, int attempts) {
    }
}
