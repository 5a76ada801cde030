package eu.localeconomy.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Error pages through the real servlet container: the visitor's language, the right status, no stack trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorPagesIT {

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void unknownTenantIsA404PageInTheVisitorsLanguage() throws Exception {
        var french = get("/t/no-such-town/", "fr-BE,fr;q=0.9");
        assertThat(french.statusCode()).isEqualTo(404);
        assertThat(french.body()).contains("Page introuvable").contains("lang=\"fr\"").doesNotContain("Exception");
        var german = get("/t/no-such-town/", "de-DE");
        assertThat(german.body()).contains("Seite nicht gefunden");
        var dutch = get("/nothing/here", "nl");
        assertThat(dutch.statusCode()).isIn(302, 404);
    }

    @Test
    void securityHeadersAreSent() throws Exception {
        var response = get("/", "en");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void healthAndMetricsAnswerForOperations() throws Exception {
        assertThat(get("/actuator/health/readiness", "en", "application/json").body()).contains("UP");
        assertThat(get("/actuator/prometheus", "en", "text/plain").body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        return get(path, language, "text/html");
    }

    private HttpResponse<String> get(String path, String language, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Language", language).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }
}
