package eu.localeconomy.tenant;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;

import java.time.Instant;
import java.time.ZoneId;

/** A tenant with its identity, defaults and branding. */
public record Tenant(TenantId id, String slug, String name, TenantKind kind, Language defaultLanguage, ZoneId zone,
                     String currency, String primaryColour, boolean hasLogo, LegalIdentity legal, Instant createdAt) {

    /** The organisation's legal identity as printed on documents. */
    public record LegalIdentity(String legalName, String street, String postcode, String city, String country,
                                String companyNumber, String vatNumber) {
    }

    public TenantContext context() {
        return new TenantContext(id, slug, name, kind, defaultLanguage, zone, currency, primaryColour, hasLogo);
    }
}
