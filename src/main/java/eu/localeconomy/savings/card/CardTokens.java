package eu.localeconomy.savings.card;

import eu.localeconomy.shared.SecretBox;
import eu.localeconomy.shared.TenantId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The token in a card's QR code: the card id and a 96-bit MAC over tenant and card id with the platform's data key
 * (held outside the database). Card ids are random, so tokens cannot be enumerated; a forged or altered token
 * fails the MAC and is rejected before any database lookup.
 */
@Component
public class CardTokens {

    private static final int MAC_BYTES = 12;
    private final SecretBox secrets;
    private final String baseUrl;

    CardTokens(SecretBox secrets, @Value("${app.mail.base-url}") String baseUrl) {
        this.secrets = secrets;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String tokenFor(TenantId tenant, UUID cardId) {
        var bytes = ByteBuffer.allocate(16 + MAC_BYTES)
                .putLong(cardId.getMostSignificantBits()).putLong(cardId.getLeastSignificantBits())
                .put(mac(tenant, cardId)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The card id a token stands for, if the token is genuine for this tenant. */
    public Optional<UUID> verify(TenantId tenant, String token) {
        if (token == null || token.length() != 38) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // 28 bytes take 37⅓ characters: the last one carries two unused bits that the decoder ignores. Only the
        // canonical spelling is accepted, so that no altered token, not even in those bits, passes.
        if (bytes.length != 16 + MAC_BYTES || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            return Optional.empty();
        }
        var buffer = ByteBuffer.wrap(bytes);
        var cardId = new UUID(buffer.getLong(), buffer.getLong());
        byte[] given = Arrays.copyOfRange(bytes, 16, bytes.length);
        return MessageDigest.isEqual(given, mac(tenant, cardId)) ? Optional.of(cardId) : Optional.empty();
    }

    /** The URL printed in the QR code: the tenant's enrolment page for this card. */
    public String enrolmentUrl(String tenantSlug, TenantId tenant, UUID cardId) {
        return baseUrl + "/t/" + tenantSlug + "/c/" + tokenFor(tenant, cardId);
    }

    /** The tenant's enrolment page, where a card number can be typed instead of scanning the QR code. */
    public String enrolmentPage(String tenantSlug) {
        return baseUrl + "/t/" + tenantSlug + "/enrol";
    }

    private byte[] mac(TenantId tenant, UUID cardId) {
        String hex = secrets.keyedHash("savings-card-token:" + tenant.value() + ":" + cardId);
        return Arrays.copyOf(HexFormat.of().parseHex(hex), MAC_BYTES);
    }
}
