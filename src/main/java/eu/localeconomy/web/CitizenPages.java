package eu.localeconomy.web;

import eu.localeconomy.shared.TenantPaths;

import java.util.Set;

/** Pages that citizens see, and which therefore also exist in German. */
final class CitizenPages {

    private static final Set<String> AREAS = Set.of("", "me", "login", "password", "enrol", "card", "c", "merchants");

    private CitizenPages() {
    }

    static boolean isCitizenPage(String path) {
        return TenantPaths.slugOf(path).isPresent() && AREAS.contains(TenantPaths.areaOf(path));
    }
}
