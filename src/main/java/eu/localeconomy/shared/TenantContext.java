package eu.localeconomy.shared;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The tenant a request is about, resolved from the {@code /t/{slug}} path. Controllers declare it as a parameter;
 * an unknown slug never reaches them (404).
 */
public record TenantContext(TenantId id, String slug, String name, TenantKind kind, Language defaultLanguage,
                            ZoneId zone, String currency, String primaryColour, boolean hasLogo)
        implements Serializable {

    public boolean isMunicipality() {
        return kind == TenantKind.MUNICIPALITY;
    }

    public boolean isTourismOffice() {
        return kind == TenantKind.TOURISM_OFFICE;
    }

    /** The tenant's business date: today in its time zone. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }

    /** Path prefix of this tenant's pages. */
    public String path() {
        return "/t/" + slug;
    }
}
