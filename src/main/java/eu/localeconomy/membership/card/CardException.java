package eu.localeconomy.membership.card;

/** A card payment or Stripe step refused; {@code key} is a message of the membership-card bundle. */
class CardException extends RuntimeException {

    private final String key;

    CardException(String key) {
        super(key);
        this.key = key;
    }

    CardException(String key, Throwable cause) {
        super(key, cause);
        this.key = key;
    }

    String key() {
        return key;
    }
}
