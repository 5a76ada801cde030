package eu.localeconomy.savings.enrolment;

import java.time.LocalDate;

/** The answer to an identification attempt. Everything but a match on an eligible card is a message to show. */
sealed interface Outcome {

    record Matched(Identified who) implements Outcome {
    }

    /** Unknown card, wrong identifier or no household: one neutral answer for all. */
    record Mismatch() implements Outcome {
    }

    /** Rate limit of the address or card reached, or the card (identifier) locked after mismatches. */
    record TooManyAttempts() implements Outcome {
    }

    record AlreadyActivated() implements Outcome {
    }

    record Blocked() implements Outcome {
    }

    record Closed(LocalDate opensOn, LocalDate closesOn) implements Outcome {
    }

    record Excluded() implements Outcome {
    }
}
