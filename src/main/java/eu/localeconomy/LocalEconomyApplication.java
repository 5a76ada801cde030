package eu.localeconomy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Entry point of the local-economy platform: one modular monolith, business modules on a shared core. */
@Modulithic(sharedModules = "shared")
@SpringBootApplication
public class LocalEconomyApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalEconomyApplication.class, args);
    }
}
