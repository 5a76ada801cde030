package eu.localeconomy.savings.card;

import eu.localeconomy.shared.SecretBox;
import eu.localeconomy.shared.TenantId;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CardTokensTest {

    final CardTokens tokens = new CardTokens(new SecretBox(new byte[32]), "https://savings.example/");
    final TenantId tenant = new TenantId(UUID.randomUUID());

    @Test
    void aGenuineTokenNamesItsCard() {
        UUID card = UUID.randomUUID();
        String token = tokens.tokenFor(tenant, card);
        assertThat(token).hasSize(38).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.verify(tenant, token)).contains(card);
        assertThat(tokens.enrolmentUrl("duinhaven", tenant, card)).isEqualTo("https://savings.example/t/duinhaven/c/" + token);
    }

    @Test
    void anAlteredForgedOrForeignTokenIsRejected() {
        UUID card = UUID.randomUUID();
        String token = tokens.tokenFor(tenant, card);
        // Every other character at the last place too: its two unused bits are where a lenient decoder lets a change through.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (char c : alphabet.toCharArray()) {
            if (c != token.charAt(token.length() - 1)) {
                assertThat(tokens.verify(tenant, token.substring(0, token.length() - 1) + c)).as("last character %s", c).isEmpty();
            }
        }
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String altered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(tokens.verify(tenant, altered)).as("altered at %d", i).isEmpty();
        }
        assertThat(tokens.verify(new TenantId(UUID.randomUUID()), token)).as("other tenant").isEmpty();
        var otherKey = new CardTokens(new SecretBox(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}), "https://x");
        assertThat(tokens.verify(tenant, otherKey.tokenFor(tenant, card))).as("forged with another key").isEmpty();
        assertThat(tokens.verify(tenant, null)).isEmpty();
        assertThat(tokens.verify(tenant, "short")).isEmpty();
        assertThat(tokens.verify(tenant, "!".repeat(38))).isEmpty();
    }
}
