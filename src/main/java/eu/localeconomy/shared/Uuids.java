package eu.localeconomy.shared;

import java.util.Optional;
import java.util.UUID;

/** Ids typed in URLs and forms: anything but a canonical UUID is "no such thing", never an exception. */
public final class Uuids {

    private Uuids() {
    }

    /** The UUID in the text (surrounding spaces ignored), or empty for blank, short forms or garbage. */
    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        // UUID.fromString also accepts forms like "1-2-3-4-5": only the 36-character form names a real row.
        if (trimmed.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(trimmed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
