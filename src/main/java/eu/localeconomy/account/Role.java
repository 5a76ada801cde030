package eu.localeconomy.account;

import eu.localeconomy.shared.TenantKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What a person may do. Each account has exactly one role: least privilege is easier to reason about. */
public enum Role {
    PLATFORM_ADMIN(Area.PLATFORM, null),
    TENANT_ADMIN(Area.OFFICE, null),
    FINANCE(Area.OFFICE, null),
    HELPDESK(Area.OFFICE, null),
    READ_ONLY(Area.OFFICE, null),
    MERCHANT_OWNER(Area.MERCHANT, TenantKind.MUNICIPALITY),
    CASHIER(Area.MERCHANT, TenantKind.MUNICIPALITY),
    PROFESSIONAL(Area.EXTRANET, TenantKind.TOURISM_OFFICE),
    CITIZEN(Area.CITIZEN, TenantKind.MUNICIPALITY);

    /** The part of the site a role works in, each with its own layout. */
    public enum Area {
        PLATFORM("/admin"), OFFICE("office"), MERCHANT("merchant"), EXTRANET("pro"), CITIZEN("me");

        private final String segment;

        Area(String segment) {
            this.segment = segment;
        }

        public String segment() {
            return segment;
        }
    }

    public static final Set<Role> STAFF = EnumSet.of(TENANT_ADMIN, FINANCE, HELPDESK, READ_ONLY);

    private final Area area;
    private final TenantKind onlyFor;

    Role(Area area, TenantKind onlyFor) {
        this.area = area;
        this.onlyFor = onlyFor;
    }

    public Area area() {
        return area;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isStaff() {
        return STAFF.contains(this);
    }

    /** Whether a tenant of this kind has people in this role. */
    public boolean existsIn(TenantKind kind) {
        return this != PLATFORM_ADMIN && (onlyFor == null || onlyFor == kind);
    }

    public static List<Role> tenantRoles(TenantKind kind) {
        return Arrays.stream(values()).filter(r -> r.existsIn(kind)).toList();
    }

    /** Where this role lands after login. */
    public String homePath(String tenantSlug) {
        return this == PLATFORM_ADMIN ? area.segment() : "/t/" + tenantSlug + "/" + area.segment();
    }
}
