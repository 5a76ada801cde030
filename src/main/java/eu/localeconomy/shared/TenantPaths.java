package eu.localeconomy.shared;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the tenant slug and area out of a request path before Spring MVC has matched it. */
public final class TenantPaths {

    private static final Pattern TENANT_PATH = Pattern.compile("^/t/([a-z0-9][a-z0-9-]{1,62})(/([a-z-]+))?.*$");

    private TenantPaths() {
    }

    public static Optional<String> slugOf(String path) {
        Matcher m = TENANT_PATH.matcher(path == null ? "" : path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The first segment after the slug ("office", "merchant", "pro", "me", "login"...), or "" for the tenant home. */
    public static String areaOf(String path) {
        Matcher m = TENANT_PATH.matcher(path == null ? "" : path);
        return m.matches() && m.group(3) != null ? m.group(3) : "";
    }
}
