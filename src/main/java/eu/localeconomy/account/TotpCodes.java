package eu.localeconomy.account;

import dev.samstevens.totp.code.CodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
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

    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final CodeVerifier verifier;

    TotpCodes(Clock clock) {
        var verifier = new DefaultCodeVerifier(new DefaultCodeGenerator(), () -> clock.instant().getEpochSecond());
        verifier.setAllowedTimePeriodDiscrepancy(1);
        this.verifier = verifier;
    }

    String newSecret() {
        return secrets.generate();
    }

    boolean verify(String secret, String code) {
        return code != null && code.matches("\\d{6}") && verifier.isValidCode(secret, code);
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
