package eu.localeconomy.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import eu.localeconomy.shared.Language;
import eu.localeconomy.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox survives an SMTP outage: a failed delivery is kept with its error and retried later; once the server is
 * back the mail goes out exactly once.
 */
@IntegrationTest
class MailRetryIT {

    static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void unreachableMailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("app.mail.poll-interval", () -> "1h"); // this test drives the dispatcher itself
    }

    @Autowired MailOutbox outbox;
    @Autowired MailDispatcher dispatcher;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @Test
    void aFailedDeliveryIsRetriedWithBackOffAndSentOnceTheServerIsBack() throws Exception {
        UUID id = transactions.execute(status -> outbox.enqueue(new OutgoingMail(null, "someone@example.test", Language.NL,
                "password-reset", Map.of("name", "Someone", "tenantName", "Duinhaven", "link", "/t/x/password/reset?token=abc",
                        "validMinutes", 60))));

        dispatcher.dispatchDue();
        var afterFailure = row(id);
        assertThat(afterFailure.status()).isEqualTo("PENDING");
        assertThat(afterFailure.attempts()).isEqualTo(1);
        assertThat(afterFailure.lastError()).isNotBlank();
        assertThat(afterFailure.nextAttemptAt()).isAfter(Instant.now());

        var smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
        try {
            dispatcher.dispatchDue();
            assertThat(smtp.getReceivedMessages()).as("not before its next attempt is due").isEmpty();

            jdbc.sql("update mail_outbox set next_attempt_at = ? where id = ?").params(Timestamp.from(Instant.now()), id).update();
            dispatcher.dispatchDue();
            dispatcher.dispatchDue();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Kies een nieuw wachtwoord");
            assertThat(row(id).status()).isEqualTo("SENT");
            assertThat(row(id).attempts()).isEqualTo(2);
        } finally {
            smtp.stop();
        }
    }

    record Row(String status, int attempts, String lastError, Instant nextAttemptAt) {
    }

    private Row row(UUID id) {
        return jdbc.sql("select status, attempts, last_error, next_attempt_at from mail_outbox where id = ?").param(id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .single();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
