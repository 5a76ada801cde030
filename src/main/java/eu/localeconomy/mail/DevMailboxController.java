package eu.localeconomy.mail;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The development mailbox: what the platform would have e-mailed, readable in the browser so that the demo (password
 * resets, invitations) works offline. It answers 404 as soon as an SMTP server is configured.
 */
@Controller
class DevMailboxController {

    private static final IpAddressMatcher LOOPBACK_V4 = new IpAddressMatcher("127.0.0.0/8");
    private static final IpAddressMatcher LOOPBACK_V6 = new IpAddressMatcher("::1");

    private final JdbcClient jdbc;
    private final MailDispatcher dispatcher;

    DevMailboxController(JdbcClient jdbc, MailDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
    }

    @GetMapping("/dev/mailbox")
    String list(Model model, HttpServletRequest request) {
        requireCapture(request);
        model.addAttribute("mails", jdbc.sql("""
                        select id, recipient, subject, status, created_at from mail_outbox
                        order by created_at desc limit 100""")
                .query((rs, n) -> new MailSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list());
        return "mail/dev-mailbox";
    }

    @GetMapping("/dev/mailbox/{id}")
    String show(@PathVariable UUID id, Model model, HttpServletRequest request) {
        requireCapture(request);
        model.addAttribute("mail", jdbc.sql("select id, recipient, subject, html_body, text_body, status, created_at from mail_outbox where id = ?")
                .param(id)
                .query((rs, n) -> new MailView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .optional().orElseThrow(() -> new ResponseStatusException(NOT_FOUND)));
        return "mail/dev-mail";
    }

    /**
     * Only while mail is captured, and only for someone at the machine itself or a platform administrator: the
     * captured mails hold reset links.
     */
    private void requireCapture(HttpServletRequest request) {
        boolean local = isLoopback(request.getRemoteAddr());
        if (!dispatcher.capturing() || !(local || request.isUserInRole("PLATFORM_ADMIN"))) {
            throw new ResponseStatusException(NOT_FOUND);
        }
    }

    private static boolean isLoopback(String address) {
        return address != null && (LOOPBACK_V4.matches(address) || LOOPBACK_V6.matches(address));
    }

    record MailSummary(UUID id, String recipient, String subject, String status, java.time.Instant createdAt) {
    }

    record MailView(UUID id, String recipient, String subject, String html, String text, String status,
                    java.time.Instant createdAt) {
    }
}
