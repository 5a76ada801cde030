package eu.localeconomy.directory;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;

import java.util.List;

/** Definitions of the tenant's custom fields. */
@Service
public class CustomFields {

    public List<CustomField> of(TenantId tenant) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Defines or redefines a field (key unique per tenant; its type cannot change once values exist). Audited. */
    public void define(TenantId tenant, CustomField field, Actor actor) {
        throw new UnsupportedOperationException("directory helper");
    }
}
