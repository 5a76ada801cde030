package eu.localeconomy.savings.conversion;

import eu.localeconomy.savings.portal.PortalFormat;
import eu.localeconomy.shared.Money;
import org.springframework.stereotype.Component;

/** Amounts of the conversion pages in the reader's language; templates call it as {@code @conversionFormat}. */
@Component("conversionFormat")
public class ConversionFormat {

    private final PortalFormat format;

    ConversionFormat(PortalFormat format) {
        this.format = format;
    }

    public String money(long cents, String currency) {
        return format.money(new Money(cents, currency));
    }
}
