package eu.localeconomy.savings.programme;

import java.math.RoundingMode;

/** How an earned amount that falls between two cents is rounded. */
public enum Rounding {
    /** Half a cent or more goes up (the usual commercial rule). */
    HALF_UP(RoundingMode.HALF_UP),
    /** Always down: the programme never pays a fraction of a cent it did not promise. */
    DOWN(RoundingMode.DOWN),
    /** Always up, in the citizen's favour. */
    UP(RoundingMode.UP);

    private final RoundingMode mode;

    Rounding(RoundingMode mode) {
        this.mode = mode;
    }

    public RoundingMode mode() {
        return mode;
    }
}
