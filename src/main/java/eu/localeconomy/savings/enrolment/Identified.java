package eu.localeconomy.savings.enrolment;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A person who proved they belong to a card's household, kept in the session (ids only, no personal data) until
 * they give their e-mail address and consent.
 */
record Identified(UUID tenantId, UUID programmeId, UUID cardId, UUID memberId, Channel channel, Instant at)
        implements Serializable {

    /** Through which door the person came: the card number or QR, or "card not received". */
    enum Channel { CARD, NOT_RECEIVED }
}
