package eu.localeconomy.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller: its pages exist only for tenants of this kind. Resolving the {@link TenantContext} parameter of
 * any of its handlers answers 404 for a tenant of another kind, so no handler repeats the check.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ForTenantKind {
    TenantKind value();
}
