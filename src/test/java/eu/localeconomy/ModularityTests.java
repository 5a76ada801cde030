package eu.localeconomy;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** The package tree is the architecture: modules, their allowed dependencies, no cycles. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(LocalEconomyApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("tenant", "account", "audit", "mail", "web", "demo", "database", "shared");
    }

    @Test
    void writesModuleDocumentation() {
        // Published copy lives in docs/modules; the build regenerates it under target/ on every run.
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/spring-modulith-docs"))
                .writeDocumentation();
    }
}
