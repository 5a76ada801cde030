package eu.localeconomy.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlEnvironmentPostProcessorTest {

    @Test
    void translatesAHostingStyleUrl() {
        var properties = DatabaseUrlEnvironmentPostProcessor.toDatasourceProperties(
                "postgres://platform:s%40cret@db.internal:6432/economy?sslmode=require");
        assertThat(properties).containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6432/economy?sslmode=require")
                .containsEntry("spring.datasource.username", "platform").containsEntry("spring.datasource.password", "s@cret");
    }

    @Test
    void defaultsThePortAndRefusesOtherDatabases() {
        assertThat(DatabaseUrlEnvironmentPostProcessor.toDatasourceProperties("postgresql://db/x"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/x");
        assertThatThrownBy(() -> DatabaseUrlEnvironmentPostProcessor.toDatasourceProperties("mysql://db/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
