package eu.localeconomy.job;

import eu.localeconomy.account.Role;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class JobsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired Jobs jobs;
    @Autowired JobStore store;
    @Autowired AuditLog audit;
    @Autowired TransactionTemplate transactions;
    @Autowired Clock clock;
    @Autowired org.springframework.beans.factory.ObjectProvider<JobHandler> handlers;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired TestTenants fixtures;

    Tenant tenant;
    TestTenants.Person admin;

    @BeforeEach
    void tenant() {
        tenant = fixtures.tenant(TenantKind.MUNICIPALITY);
        admin = fixtures.person(tenant, Role.TENANT_ADMIN);
    }

    @Test
    void aJobRunsReportsProgressAndEndsWithItsSummary() throws Exception {
        UUID id = jobs.submit(tenant.id(), "test.count", Map.of("n", "40", "stepMillis", "40"), admin.principal());

        JobView midway = waitFor(id, job -> job.done() > 0);
        assertThat(midway.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(midway.total()).isEqualTo(40);
        assertThat(midway.percent()).isBetween(1, 99);
        String fragment = mvc.perform(get("/t/" + tenant.slug() + "/office/jobs/" + id + "/progress").header("HX-Request", "true")
                        .with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("<progress", "max=\"40\"", "hx-trigger=\"every 1s\"",
                "/office/jobs/" + id + "/progress").doesNotContain("<html");

        JobView done = jobs.await(tenant.id(), id, WAIT);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.done()).isEqualTo(40);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.summary()).containsEntry("counted", 40).containsEntry("startedFrom", 0);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isNotNull();

        String page = mvc.perform(get("/t/" + tenant.slug() + "/office/jobs/" + id).with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<progress", "value=\"40\"", "aria-live=\"polite\"", "Completed")
                .doesNotContain("hx-trigger");
        assertThat(page.split("<progress", -1)).as("one progress bar").hasSize(2);
        assertThat(page.split("aria-live", -1)).as("one live region").hasSize(2);
        assertThat(auditActions(id)).containsExactly("job.submitted", "job.finished");
    }

    @Test
    void aJobOfANodeThatDiedIsResumedFromItsCheckpoint() {
        UUID id = UUID.randomUUID();
        Instant longAgo = clock.instant().minus(Duration.ofMinutes(10));
        // As a node leaves it when it dies: RUNNING, 7 of 10 done and committed, heartbeat stopped long ago.
        jdbc.sql("""
                        insert into job (id, tenant_id, kind, parameters, status, total, done, checkpoint, created_at,
                            started_at, heartbeat_at, attempts)
                        values (?, ?, 'test.count', '{"n": "10"}', 'RUNNING', 10, 7, 7, ?, ?, ?, 1)""")
                .params(id, tenant.id().value(), Timestamp.from(longAgo), Timestamp.from(longAgo), Timestamp.from(longAgo))
                .update();

        JobView resumed = jobs.await(tenant.id(), id, WAIT);

        assertThat(resumed.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.summary()).containsEntry("startedFrom", 7).containsEntry("counted", 3);
        assertThat(resumed.done()).isEqualTo(10);
    }

    @Test
    void aRunningJobWithAFreshHeartbeatIsNotTakenOver() {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into job (id, tenant_id, kind, parameters, status, total, done, checkpoint, created_at,
                            started_at, heartbeat_at, attempts)
                        values (?, ?, 'test.count', '{"n": "10"}', 'RUNNING', 10, 3, 3, ?, ?, ?, 1)""")
                .params(id, tenant.id().value(), Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.plusSeconds(30)))
                .update();

        // Several polls pass: the job stays with the node that is still beating.
        JobView later = jobs.await(tenant.id(), id, Duration.ofSeconds(3));
        assertThat(later.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(later.attempts()).isEqualTo(1);
        assertThat(TestJobHandlers.STARTS).doesNotContainKey(id);
        jdbc.sql("update job set status = 'CANCELLED' where id = ?").param(id).update();
    }

    @Test
    void aRunningJobStopsWhenCancelledFromItsPage() throws Exception {
        UUID id = jobs.submit(tenant.id(), "test.count", Map.of("n", "100000", "stepMillis", "5"), admin.principal());
        waitFor(id, job -> job.done() > 0);

        mvc.perform(post("/t/" + tenant.slug() + "/office/jobs/" + id + "/cancel").with(csrf())
                        .with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection());

        JobView cancelled = jobs.await(tenant.id(), id, WAIT);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.done()).isLessThan(100000);
        assertThat(auditActions(id)).containsExactly("job.submitted", "job.cancelled", "job.finished");
    }

    @Test
    void aFailingHandlerEndsTheJobFailedWithAStableKeyAndNoPersonalDataInTheLog(CapturedOutput output) {
        UUID unexpected = jobs.submit(tenant.id(), "test.fail", Map.of(), admin.principal());
        UUID explained = jobs.submit(tenant.id(), "test.fail", Map.of("key", "job.error.unknownKind"), admin.principal());

        JobView first = jobs.await(tenant.id(), unexpected, WAIT);
        JobView second = jobs.await(tenant.id(), explained, WAIT);

        assertThat(first.status()).isEqualTo(JobStatus.FAILED);
        assertThat(first.errorKey()).isEqualTo("job.error.unexpected");
        assertThat(first.failed()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(JobStatus.FAILED);
        assertThat(second.errorKey()).isEqualTo("job.error.unknownKind");
        assertThat(output.getAll()).contains(unexpected.toString()).contains("IllegalStateException")
                .doesNotContain("Janssens").doesNotContain("85.07.30");
    }

    @Test
    void anUnknownKindIsRefusedAtSubmission() {
        assertThatThrownBy(() -> jobs.submit(tenant.id(), "test.nothing", Map.of(), Actor.SYSTEM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJobOfAnotherTenantIsInvisibleAndCannotBeCancelled() throws Exception {
        Tenant other = fixtures.tenant(TenantKind.MUNICIPALITY);
        UUID theirs = jobs.submit(other.id(), "test.count", Map.of("n", "200", "stepMillis", "20"), Actor.SYSTEM);

        assertThat(jobs.find(tenant.id(), theirs)).isEmpty();
        assertThat(jobs.recent(tenant.id(), null, 50)).extracting(JobView::id).doesNotContain(theirs);
        assertThat(jobs.recent(other.id(), "test.count", 50)).extracting(JobView::id).contains(theirs);
        mvc.perform(get("/t/" + tenant.slug() + "/office/jobs/" + theirs).with(authentication(admin.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/t/" + tenant.slug() + "/office/jobs/" + theirs + "/progress").with(authentication(admin.authentication())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/t/" + tenant.slug() + "/office/jobs/" + theirs + "/cancel").with(csrf())
                        .with(authentication(admin.authentication())))
                .andExpect(status().isNotFound());
        jobs.cancel(tenant.id(), theirs, admin.principal());

        assertThat(jobs.await(other.id(), theirs, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void twoNodesPollingTogetherRunEachJobOnce() throws Exception {
        // A second worker on the same database stands for a second application node.
        var secondNode = new JobWorker(store, audit, transactions, clock,
                new JobProperties(true, 2, Duration.ofSeconds(60), 5), handlers);
        List<UUID> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                ids.add(jobs.submit(tenant.id(), "test.count", Map.of("n", "3", "stepMillis", "10"), Actor.SYSTEM));
                secondNode.poll();
            }
            for (UUID id : ids) {
                secondNode.poll();
                assertThat(jobs.await(tenant.id(), id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            }
        } finally {
            secondNode.stop();
        }
        for (UUID id : ids) {
            assertThat(TestJobHandlers.STARTS.get(id)).as("starts of " + id).hasValue(1);
            assertThat(jobs.find(tenant.id(), id).orElseThrow().attempts()).isEqualTo(1);
        }
    }

    private JobView waitFor(UUID id, java.util.function.Predicate<JobView> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            JobView job = jobs.find(tenant.id(), id).orElseThrow();
            if (condition.test(job)) {
                return job;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " never reached the expected state");
    }

    private List<String> auditActions(UUID id) {
        return jdbc.sql("select action from audit_event where target_type = 'job' and target_id = ? order by id")
                .param(id.toString()).query(String.class).list();
    }
}
