package eu.localeconomy.support;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what the platform sent to a test's GreenMail server: the mail to an address, the link in it. */
public final class SmtpInbox {

    private SmtpInbox() {
    }

    /** The first mail to this address (ignoring case), waiting up to 15 s for the outbox to deliver it. */
    public static MimeMessage awaitMailTo(GreenMailOperations smtp, String recipient) throws MessagingException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(recipient)) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + recipient);
    }

    /** The first mail to this address (ignoring case) whose subject contains the text, waiting up to 15 s. */
    public static MimeMessage awaitMailTo(GreenMailOperations smtp, String recipient, String subjectPart)
            throws MessagingException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(recipient)
                        && message.getSubject() != null && message.getSubject().contains(subjectPart)) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + recipient + " about " + subjectPart);
    }

    /** The plain-text part of a mail, decoded (no quoted-printable soft breaks). */
    public static String textOf(jakarta.mail.Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = textOf(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The path and query of the first link in the mail that contains the marker (quoted-printable undone). */
    public static String linkIn(String body, String marker) {
        String flat = body.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
        Matcher m = Pattern.compile("http://[^/\\s\"]+(/[^\\s\"<]*" + Pattern.quote(marker) + "[A-Za-z0-9_\\-]+)").matcher(flat);
        assertThat(m.find()).as("link with " + marker + " in " + flat).isTrue();
        return m.group(1);
    }

    /** A free port for the test's SMTP server. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
