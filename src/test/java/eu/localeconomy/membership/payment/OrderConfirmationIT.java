package eu.localeconomy.membership.payment;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Language;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.SmtpInbox;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The order confirmation over a real SMTP server: the order's language, its totals and how to pay it. */
@IntegrationTest
class OrderConfirmationIT {

    static final int SMTP_PORT = SmtpInbox.freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired OrderFixtures fixtures;
    @Autowired Payments payments;
    @Autowired OrderTimeline timeline;

    @Test
    void aTransferOrderIsConfirmedInFrenchWithTheAccountAndTheRfReference() throws Exception {
        var office = fixtures.office();
        var order = fixtures.awaitingPayment(office, PaymentMethod.TRANSFER, Language.FR);
        var instructions = payments.instructions(order.tenant(), order.orderId(), Language.FR).orElseThrow();

        MimeMessage mail = SmtpInbox.awaitMailTo(smtp, office.hotelPro().email());
        String text = text(mail);
        assertThat(mail.getSubject()).isEqualTo("Votre commande auprès de " + office.tenant().name());
        assertThat(text).contains("Titulaire du compte : Office de tourisme de la Baie",
                "IBAN : " + OrderFixtures.IBAN_FORMATTED, "BIC : " + OrderFixtures.BIC,
                "Référence (RF) : " + instructions.creditorReference(), "Total TTC : ",
                "/t/" + office.tenant().slug() + "/pro/orders/" + order.orderId());
        awaitTimeline(order, "confirmation.sent");
    }

    @Test
    void aChequeOrderIsConfirmedInTheOrdersLanguageWithThePayeeAndAddress() throws Exception {
        var office = fixtures.office();
        fixtures.awaitingPayment(office, office.campsite(), office.campsitePro(), PaymentMethod.CHEQUE, Language.NL);

        String text = text(SmtpInbox.awaitMailTo(smtp, office.campsitePro().email()));
        assertThat(text).contains("Hoe betalen", "Op naam van: Office de tourisme de la Baie",
                        "Te sturen naar: 1 quai des Falaises, 76000 Rouen", "Totaal incl. btw: ")
                .doesNotContain("IBAN");
    }

    private void awaitTimeline(OrderFixtures.Placed order, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (timeline.of(order.tenant(), order.orderId()).stream().anyMatch(e -> e.kind().equals(kind))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + kind + " on the timeline");
    }

    /** The plain-text part, decoded. */
    static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = text(body);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
