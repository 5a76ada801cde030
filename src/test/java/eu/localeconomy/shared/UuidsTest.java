package eu.localeconomy.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UuidsTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "1-2-3-4-5", "not-a-uuid", "0b8f6e4c-6e1f-4a51-9f4b-6c2d8e1a9f0", "0b8f6e4c-6e1f-4a51-9f4b-6c2d8e1a9f0zz",
            "0b8f6e4c-6e1f-4a51-9f4b-6c2d8e1a9f0g"})
    void garbageIsNoId(String text) {
        assertThat(Uuids.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0b8f6e4c-6e1f-4a51-9f4b-6c2d8e1a9f01", " 0B8F6E4C-6E1F-4A51-9F4B-6C2D8E1A9F01 "})
    void canonicalUuidsWithSpacesAround(String text) {
        assertThat(Uuids.parse(text)).contains(UUID.fromString("0b8f6e4c-6e1f-4a51-9f4b-6c2d8e1a9f01"));
    }
}
