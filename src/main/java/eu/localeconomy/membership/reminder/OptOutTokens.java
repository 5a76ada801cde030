package eu.localeconomy.membership.reminder;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.shared.SecretBox;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The opt-out link's token: the establishment's id and an HMAC of it bound to the tenant, with the platform's data
 * key. Nothing is stored; a token of another tenant or with a changed character does not verify.
 */
@Component
class OptOutTokens {

    private static final int SIGNATURE_HEX = 32; // 128 bits of the HMAC-SHA-256

    private final SecretBox box;

    OptOutTokens(SecretBox box) {
        this.box = box;
    }

    String token(TenantId tenant, EstablishmentId establishment) {
        UUID id = establishment.value();
        byte[] bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "." + signature(tenant, id);
    }

    /** The establishment of a valid token of this tenant; empty for anything else (never an exception). */
    Optional<EstablishmentId> verify(TenantId tenant, String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot != 22 || token.length() != 23 + SIGNATURE_HEX) {
            return Optional.empty();
        }
        UUID id;
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            id = new UUID(bytes.getLong(), bytes.getLong());
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
        byte[] expected = signature(tenant, id).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(new EstablishmentId(id)) : Optional.empty();
    }

    private String signature(TenantId tenant, UUID establishment) {
        return box.keyedHash("membership-reminder-opt-out|" + tenant.value() + "|" + establishment)
                .substring(0, SIGNATURE_HEX);
    }
}
