package eu.localeconomy.tenant;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The tenant form of platform administrators (creation) and tenant administrators (settings). */
record TenantForm(
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "{tenant.slug.invalid}") String slug,
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "MUNICIPALITY|TOURISM_OFFICE", message = "{validation.choice}") String kind,
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "NL|FR|EN", message = "{tenant.language.unsupported}") String defaultLanguage,
        @NotBlank(message = "{validation.required}") String timeZone,
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "{tenant.colour.invalid}") String primaryColour,
        @Size(max = 200, message = "{validation.tooLong}") String legalName,
        @Size(max = 200, message = "{validation.tooLong}") String street,
        @Size(max = 16, message = "{validation.tooLong}") String postcode,
        @Size(max = 100, message = "{validation.tooLong}") String city,
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "[A-Z]{2}", message = "{tenant.country.invalid}") String country,
        @Size(max = 32, message = "{validation.tooLong}") String companyNumber,
        @Size(max = 32, message = "{validation.tooLong}") String vatNumber,
        @Email(message = "{validation.email}") @Size(max = 254, message = "{validation.tooLong}") String administratorEmail) {

    static TenantForm empty() {
        return new TenantForm("", "", TenantKind.MUNICIPALITY.name(), Language.NL.name(), "Europe/Brussels", "#1d4ed8",
                "", "", "", "", "BE", "", "", "");
    }

    static TenantForm of(Tenant t) {
        var l = t.legal();
        return new TenantForm(t.slug(), t.name(), t.kind().name(), t.defaultLanguage().name(), t.zone().getId(), t.primaryColour(),
                l.legalName(), l.street(), l.postcode(), l.city(), l.country(), l.companyNumber(), l.vatNumber(), "");
    }

    // Choices arrive as text so that a forged value is a field error on a re-displayed form, not a form that
    // cannot be built.
    TenantKind kindValue() {
        return TenantKind.valueOf(kind);
    }

    Language language() {
        return Language.valueOf(defaultLanguage);
    }

    Tenant.LegalIdentity legal() {
        return new Tenant.LegalIdentity(blankToNull(legalName), blankToNull(street), blankToNull(postcode),
                blankToNull(city), country, blankToNull(companyNumber), blankToNull(vatNumber));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
