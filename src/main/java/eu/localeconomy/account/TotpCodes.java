package eu.localeconomy.account;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** RFC 6238 time-based codes (30 s, 6 digits, SHA-1: what every authenticator app reads). */
@Component
class TotpCodes {

    private static final int PERIOD_SECONDS = 30;
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final DefaultCodeGenerator generator = new DefaultCodeGenerator();
    private final Clock clock;

    TotpCodes(Clock clock) {
        this.clock = clock;
    }

    String newSecret() {
        return secrets.generate();
    }

    boolean verify(String secret, String code) {
        return matchingStep(secret, code).isPresent();
    }

    /**
     * The time step the code belongs to (the current one or a neighbour, for clock drift), so that the caller can
     * refuse a step that was already used.
     */
    java.util.OptionalLong matchingStep(String secret, String code) {
        if (code == null || !code.matches("\\d{6}")) {
            return java.util.OptionalLong.empty();
        }
        long now = Math.floorDiv(clock.instant().getEpochSecond(), PERIOD_SECONDS);
        try {
            for (long step = now - 1; step <= now + 1; step++) {
                if (java.security.MessageDigest.isEqual(generator.generate(secret, step).getBytes(), code.getBytes())) {
                    return java.util.OptionalLong.of(step);
                }
            }
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
        return java.util.OptionalLong.empty();
    }

    /** The otpauth:// QR an authenticator app scans, as a data URI for an img tag. */
    String qrDataUri(String secret, String issuer, String label) {
        var data = new QrData.Builder().label(label).secret(secret).issuer(issuer).digits(6).period(30).build();
        try {
            var generator = new ZxingPngQrGenerator();
            return Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException(e);
        }
    }
}
