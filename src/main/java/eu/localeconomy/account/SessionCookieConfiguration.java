package eu.localeconomy.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie of the database-backed sessions: unreadable by scripts, not sent on cross-site sub-requests,
 * and marked Secure whenever the request came over HTTPS (directly or through the load balancer's forwarded headers).
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

    static final String NAME = "LEPSESSION";

    @Bean
    CookieSerializer sessionCookie() {
        var serializer = new DefaultCookieSerializer();
        serializer.setCookieName(NAME);
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        serializer.setCookiePath("/");
        return serializer;
    }
}
