package eu.localeconomy.membership.followup;

import org.springframework.stereotype.Component;

/**
 * Geometry of the dashboard's bar charts, drawn as SVG by the templates (no chart library, no inline style: the CSP
 * forbids them; colours come from app.css classes). Each chart has a table beside it with the same numbers.
 */
@Component("followUpCharts")
public class Charts {

    /** Width of the bars' area in the SVG's user units. */
    public static final int WIDTH = 400;

    /** The length of a bar for this value against the largest; a value above zero always shows. */
    public int bar(long value, long largest) {
        if (value <= 0 || largest <= 0) {
            return 0;
        }
        return (int) Math.max(2, Math.round(value * (double) WIDTH / largest));
    }
}
