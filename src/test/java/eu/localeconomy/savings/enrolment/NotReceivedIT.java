package eu.localeconomy.savings.enrolment;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.SavingsFixtures.Adult;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * "Card not received" (the postal strike): identification with the identifier and the postcode, e-mail verification,
 * then the same card number issued digitally, active at once, and its PDF delivered as an attachment over real SMTP.
 */
@IntegrationTest
class NotReceivedIT {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired MockMvc mvc;
    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired JdbcClient jdbc;

    Tenant tenant;
    Programme programme;

    @BeforeEach
    void programme() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        programme = savings.openProgramme(tenant);
    }

    MvcResult identify(CitizenSession citizen, String identifier, String postcode) throws Exception {
        return citizen.perform(post("/t/" + tenant.slug() + "/enrol/not-received").param("identifier", identifier)
                .param("postcode", postcode));
    }

    @Test
    void theSameCardIsMailedAsAPdfAndActiveAtOnce() throws Exception {
        String nrn = EnrolmentIT.nrn("850730", 33);
        var card = savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300",
                List.of(new Adult("An", "Peeters", nrn, LocalDate.of(1985, 7, 30))));
        var citizen = new CitizenSession(mvc);
        assertThat(citizen.perform(get("/t/" + tenant.slug() + "/enrol/not-received")).getResponse().getContentAsString())
                .contains("name=\"postcode\"");

        assertThat(identify(citizen, nrn, "8300").getResponse().getRedirectedUrl())
                .isEqualTo("/t/" + tenant.slug() + "/enrol/details");
        citizen.perform(post("/t/" + tenant.slug() + "/enrol/details").param("email", "an@strike.test")
                .param("language", "nl").param("consent", "true"));
        MimeMessage verification = awaitMail("an@strike.test", 1).getFirst();
        // The mail travels quoted-printable: the link is read from the decoded text part.
        Matcher link = Pattern.compile("/enrol/verify\\?token=([A-Za-z0-9_-]+)").matcher(text(verification));
        assertThat(link.find()).isTrue();
        assertThat(jdbc.sql("select status from savings_card where id = ?").param(card.cardId()).query(String.class).single())
                .as("nothing changes before the address is verified").isEqualTo("ISSUED");

        var done = citizen.perform(post("/t/" + tenant.slug() + "/enrol/verify").param("token", link.group(1))
                .param("mode", "link"));
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/t/" + tenant.slug() + "/me");

        MimeMessage cardMail = awaitMail("an@strike.test", 2).get(1);
        assertThat(cardMail.getSubject()).isEqualTo("Uw spaarkaart van " + tenant.name());
        Part pdf = attachment(cardMail);
        assertThat(pdf.getFileName()).isEqualTo("card-" + card.number().formatted() + ".pdf");
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        byte[] bytes = pdf.getInputStream().readAllBytes();
        assertThat(new String(bytes, 0, 5)).isEqualTo("%PDF-");
        // The digital card of this very card: the same number, as printed on it.
        try (var document = org.apache.pdfbox.Loader.loadPDF(bytes)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains(card.number().formatted());
        }
        assertThat(text(cardMail)).contains(card.number().formatted());

        var row = jdbc.sql("select status, activated_at is not null, digital_sent_at is not null from savings_card where id = ?")
                .param(card.cardId()).query((rs, n) -> List.of(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3))).single();
        assertThat(row).containsExactly("ACTIVE", true, true);
        assertThat(jdbc.sql("select channel from savings_enrolment where card_id = ?").param(card.cardId())
                .query(String.class).single()).isEqualTo("NOT_RECEIVED");

        // The attachment lives and dies with its mail in the outbox.
        UUID mailId = jdbc.sql("select m.id from mail_outbox m join mail_attachment a on a.mail_id = m.id where m.recipient = ?")
                .param("an@strike.test").query(UUID.class).single();
        jdbc.sql("delete from mail_outbox where id = ?").param(mailId).update();
        assertThat(jdbc.sql("select count(*) from mail_attachment where mail_id = ?").param(mailId).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void aSecondHomeOwnerUsesTheTaxNumberAndThePostcodeOfTheSecondHome() throws Exception {
        var card = savings.secondHome(tenant, programme, "Jean Dupont", "123-4567890-12", "Lippenslaan", "5", "8301");
        assertThat(model(identify(new CitizenSession(mvc), "123456789012", "8300"), "alert")).isEqualTo("enrol.mismatch");
        assertThat(identify(new CitizenSession(mvc), "123-4567890-12", "8301").getResponse().getRedirectedUrl())
                .endsWith("/enrol/details");
        assertThat(card.cardId()).isNotNull();
    }

    @Test
    void mismatchesAreNeutralAndLockTheIdentifier() throws Exception {
        String nrn = EnrolmentIT.nrn("850730", 33);
        savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300",
                List.of(new Adult("An", "Peeters", nrn, LocalDate.of(1985, 7, 30))));
        var unknown = identify(new CitizenSession(mvc), EnrolmentIT.nrn("700101", 11), "8300");
        var wrongPostcode = identify(new CitizenSession(mvc), nrn, "8400");
        assertThat(model(unknown, "alert")).isEqualTo(model(wrongPostcode, "alert")).isEqualTo("enrol.mismatch");
        for (int i = 0; i < 4; i++) {
            identify(new CitizenSession(mvc), nrn, "9000");
        }
        var right = identify(new CitizenSession(mvc), nrn, "8300");
        assertThat(right.getResponse().getStatus()).isEqualTo(429);
        assertThat(model(right, "alert")).isEqualTo("enrol.tooManyAttempts");
        String audit = jdbc.sql("select string_agg(action || ' ' || details::text, '|') from audit_event where tenant_id = ?")
                .param(tenant.id().value()).query(String.class).single();
        assertThat(audit).contains("enrolment.identifier-locked").doesNotContain(nrn);
    }

    private static Object model(MvcResult result, String name) {
        return result.getModelAndView().getModel().get(name);
    }

    /** The decoded plain-text part of a mail, wherever it sits in the multipart tree. */
    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i)));
            }
            return all.toString();
        }
        return "";
    }

    private static Part attachment(MimeMessage message) throws Exception {
        var multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part;
            }
        }
        throw new AssertionError("no attachment in " + message.getSubject());
    }

    private static List<MimeMessage> awaitMail(String recipient, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<MimeMessage> found = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient))) {
                    found.add(m);
                }
            }
            if (found.size() >= count || System.nanoTime() > deadline) {
                assertThat(found).as("mails to " + recipient).hasSizeGreaterThanOrEqualTo(count);
                return found;
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
