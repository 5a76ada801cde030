package eu.localeconomy.membership.card;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import eu.localeconomy.api.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Stripe's webhook endpoint (public, no CSRF token: the signature stands for it). The signature is checked on the
 * raw body before anything is read from it; a bad or missing one is a 400 problem and nothing is written.
 */
@RestController
class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeApi stripe;
    private final StripeEvents events;
    private final Problems problems;
    private final Clock clock;

    StripeWebhookController(StripeApi stripe, StripeEvents events, Problems problems, Clock clock) {
        this.stripe = stripe;
        this.events = events;
        this.problems = problems;
        this.clock = clock;
    }

    @PostMapping("/webhooks/stripe")
    ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
                              @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        String secret = stripe.properties().webhookSecret();
        if (body == null || signature == null || signature.isBlank() || secret == null || secret.isBlank()) {
            return refused();
        }
        Event event;
        try {
            event = Webhook.constructEvent(new String(body, StandardCharsets.UTF_8), signature, secret,
                    Webhook.DEFAULT_TOLERANCE, clock);
        } catch (SignatureVerificationException e) {
            return refused();
        } catch (RuntimeException unreadable) {
            // Signed correctly but not an event (or not JSON): the sender is not Stripe as we know it.
            log.info("Stripe webhook with an unreadable body refused");
            return refused();
        }
        if (event.getId() == null || event.getType() == null) {
            return refused();
        }
        // Any exception from here on is a 500: the event's row rolled back with it, and Stripe sends it again.
        var outcome = events.handle(event);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body("{\"received\":true,\"outcome\":\"" + outcome.name() + "\"}");
    }

    private ResponseEntity<ProblemDetail> refused() {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problems.of(HttpStatus.BAD_REQUEST, "stripe-signature"));
    }
}
