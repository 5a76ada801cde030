package eu.localeconomy.api;

import java.util.Arrays;
import java.util.Optional;

/** What an API token may do. Each endpoint requires one scope. */
public enum ApiScope {
    TENANT_READ("tenant:read"),
    AUDIT_READ("audit:read"),
    STAFF_WRITE("staff:write");

    private final String code;

    ApiScope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String authority() {
        return "SCOPE_" + code;
    }

    public static Optional<ApiScope> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
