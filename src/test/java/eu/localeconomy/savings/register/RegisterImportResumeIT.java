package eu.localeconomy.savings.register;

import eu.localeconomy.account.Role;
import eu.localeconomy.job.JobRun;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Register;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An import whose node dies in the middle resumes from its last committed batch: the households of the batch that
 * was being written when it died are written once, and the counts add up as if nothing had happened.
 */
@IntegrationTest
class RegisterImportResumeIT {

    @Autowired TestTenants fixtures;
    @Autowired SavingsFixtures savings;
    @Autowired RegisterImports imports;
    @Autowired RegisterImportStore store;
    @Autowired RegisterImportJob job;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void anImportInterruptedInABatchResumesFromTheLastCommittedOne() throws Exception {
        Tenant tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        var admin = fixtures.person(tenant, Role.TENANT_ADMIN);
        Programme programme = savings.openProgramme(tenant);
        byte[] file = RegisterFiles.population(7_000, 11).getBytes(StandardCharsets.UTF_8);
        UUID id = imports.upload(tenant.id(), new RegisterImports.Upload(programme.id(), Register.POPULATION,
                LocalDate.of(2026, 1, 1), "register.csv", file), admin.principal());
        RegisterImport uploaded = imports.find(tenant.id(), id).orElseThrow();
        // Submitted without a job: this test plays the worker itself.
        store.submit(tenant.id(), id, imports.preview(tenant.id(), uploaded).guessed(), true, clock.instant());

        var dying = new Run(tenant.id(), id, 0, 6_000);
        assertThatThrownBy(() -> job.run(dying)).hasMessage("node died");
        assertThat(dying.committedCheckpoint).isEqualTo(4_000);
        assertThat(households(tenant.id(), programme.id())).isEqualTo(4_000);

        var resumed = new Run(tenant.id(), id, dying.committedCheckpoint, Long.MAX_VALUE);
        job.run(resumed);

        assertThat(households(tenant.id(), programme.id())).isEqualTo(7_000);
        assertThat(resumed.summary).containsEntry("created", 7_000).containsEntry("updated", 0)
                .containsEntry("unchanged", 0).containsEntry("failed", 0);
        assertThat(resumed.done).isEqualTo(resumed.total);
        assertThat(imports.find(tenant.id(), id).orElseThrow().status()).isEqualTo(RegisterImport.Status.DONE);
        assertThat(jdbc.sql("""
                        select count(*) from savings_household_member m join savings_household h on h.id = m.household_id
                        where h.tenant_id = ? and h.programme_id = ?""")
                .params(tenant.id().value(), programme.id()).query(Long.class).single())
                .as("every adult once").isEqualTo(resumed.total);
    }

    private long households(TenantId tenant, UUID programme) {
        return jdbc.sql("select count(*) from savings_household where tenant_id = ? and programme_id = ?")
                .params(tenant.value(), programme).query(Long.class).single();
    }

    /** A job run whose node dies when it reaches a checkpoint: the transaction recording it never commits. */
    private static final class Run implements JobRun {
        final TenantId tenant;
        final UUID importId;
        final long checkpoint;
        final long dieAt;
        long committedCheckpoint;
        long done;
        long total;
        Map<String, Object> summary;

        Run(TenantId tenant, UUID importId, long checkpoint, long dieAt) {
            this.tenant = tenant;
            this.importId = importId;
            this.checkpoint = checkpoint;
            this.dieAt = dieAt;
            this.committedCheckpoint = checkpoint;
        }

        @Override
        public UUID id() {
            return UUID.nameUUIDFromBytes(importId.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public TenantId tenant() {
            return tenant;
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("importId", importId.toString());
        }

        @Override
        public long checkpoint() {
            return checkpoint;
        }

        @Override
        public void progress(long done, long total, long failed, long checkpoint) {
            if (checkpoint >= dieAt) {
                throw new IllegalStateException("node died");
            }
            // Called inside the batch's transaction, which commits right after.
            this.committedCheckpoint = checkpoint;
            this.done = done;
            this.total = total;
        }

        @Override
        public void summary(Map<String, ?> summary) {
            this.summary = new java.util.HashMap<>(summary);
        }

        @Override
        public boolean cancelRequested() {
            return false;
        }
    }
}
