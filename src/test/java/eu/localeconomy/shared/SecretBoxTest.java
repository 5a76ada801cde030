package eu.localeconomy.shared;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private final byte[] key = new byte[32];
    private final SecretBox box = new SecretBox(key);

    @Test
    void encryptsWithAFreshNonceAndDecryptsBack() {
        String a = box.encrypt("JBSWY3DPEHPK3PXP");
        String b = box.encrypt("JBSWY3DPEHPK3PXP");
        assertThat(a).isNotEqualTo(b).doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(box.decrypt(a)).isEqualTo("JBSWY3DPEHPK3PXP");
    }

    @Test
    void refusesAlteredCiphertextAndAnotherKey() {
        String sealed = box.encrypt("secret");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> box.decrypt(new String(chars))).isInstanceOf(IllegalStateException.class);
        byte[] other = Arrays.copyOf(key, 32);
        other[0] = 1;
        assertThatThrownBy(() -> new SecretBox(other).decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keyedHashIsStableAndKeyDependent() {
        assertThat(box.keyedHash("85073003328")).isEqualTo(box.keyedHash("85073003328")).hasSize(64);
        byte[] other = Arrays.copyOf(key, 32);
        other[31] = 7;
        assertThat(new SecretBox(other).keyedHash("85073003328")).isNotEqualTo(box.keyedHash("85073003328"));
    }
}
