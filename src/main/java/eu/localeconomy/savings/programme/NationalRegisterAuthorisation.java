package eu.localeconomy.savings.programme;

import eu.localeconomy.shared.TenantContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which tenants may match residents on their national register number. Using it needs an authorisation of the
 * Minister of the Interior, held by the municipality; the platform operator lists the tenants that showed one
 * ({@code app.savings.nrn-authorised-tenants}: slugs, a slug prefix ending in {@code *}, or {@code *} for all).
 * Kept outside the database so that a tenant administrator cannot grant it to themselves.
 */
@Component
public class NationalRegisterAuthorisation {

    private final List<String> authorised;

    NationalRegisterAuthorisation(@Value("${app.savings.nrn-authorised-tenants:}") List<String> authorised) {
        this.authorised = authorised.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean authorises(TenantContext tenant) {
        return authorised.stream().anyMatch(entry -> entry.endsWith("*")
                ? tenant.slug().startsWith(entry.substring(0, entry.length() - 1))
                : tenant.slug().equals(entry));
    }
}
