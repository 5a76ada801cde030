package eu.localeconomy.tenant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BrandColoursTest {

    @ParameterizedTest
    @ValueSource(strings = {"#ffffff", "#ffff00", "#0b5a7a", "#1d4ed8", "#8a3b12", "#000000", "#7fdbff", "#ff851b"})
    void anyBrandColourYieldsReadableText(String colour) {
        assertThat(BrandColours.contrast(colour, BrandColours.textOn(colour))).isGreaterThanOrEqualTo(4.5);
        assertThat(BrandColours.contrast(BrandColours.onWhite(colour), "#ffffff")).isGreaterThanOrEqualTo(4.5);
    }
}
