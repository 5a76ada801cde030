package eu.localeconomy.job;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Job kinds for the tests of the job module: one that counts (and can be cancelled or resumed), one that fails. */
@Configuration(proxyBeanMethods = false)
class TestJobHandlers {

    /** How many times a handler started on each job, across every worker ("node") of the JVM. */
    static final Map<UUID, AtomicInteger> STARTS = new ConcurrentHashMap<>();

    @Bean
    JobHandler countingJob() {
        return new JobHandler() {
            @Override
            public String kind() {
                return "test.count";
            }

            @Override
            public void run(JobRun run) throws InterruptedException {
                STARTS.computeIfAbsent(run.id(), id -> new AtomicInteger()).incrementAndGet();
                long n = Long.parseLong(run.parameters().get("n"));
                long step = Long.parseLong(run.parameters().getOrDefault("stepMillis", "0"));
                long from = run.checkpoint();
                for (long i = from; i < n; i++) {
                    if (run.cancelRequested()) {
                        return;
                    }
                    Thread.sleep(step);
                    run.progress(i + 1, n, 0, i + 1);
                }
                run.summary(Map.of("counted", n - from, "startedFrom", from));
            }
        };
    }

    @Bean
    JobHandler failingJob() {
        return new JobHandler() {
            @Override
            public String kind() {
                return "test.fail";
            }

            @Override
            public void run(JobRun run) {
                run.progress(1, 2, 1, 1);
                String key = run.parameters().get("key");
                if (key != null) {
                    throw new JobFailedException(key);
                }
                // Stands for an error whose message quotes the data being processed.
                throw new IllegalStateException("Row of Jan Janssens 85.07.30-033.61 is broken");
            }
        };
    }
}
