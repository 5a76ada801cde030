package eu.localeconomy.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param from          sender address
 * @param baseUrl       absolute URL of the platform, used in links inside e-mails
 * @param maxAttempts   delivery attempts before a mail is marked failed
 * @param retention     how long delivered mails (which contain personal data) are kept
 */
@ConfigurationProperties("app.mail")
record MailProperties(@DefaultValue("no-reply@localhost") String from,
                      @DefaultValue("http://localhost:8080") String baseUrl,
                      @DefaultValue("8") int maxAttempts,
                      @DefaultValue("30d") Duration retention) {
}
