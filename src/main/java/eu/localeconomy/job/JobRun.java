package eu.localeconomy.job;

import eu.localeconomy.shared.TenantId;

import java.util.Map;
import java.util.UUID;

/** What a {@link JobHandler} sees of the job it runs, and how it reports back. */
public interface JobRun {

    UUID id();

    TenantId tenant();

    Map<String, String> parameters();

    /** Where a previous attempt stopped (0 on the first run): the last value passed to {@link #progress}. */
    long checkpoint();

    /**
     * Records progress and refreshes the heartbeat. Call it inside the transaction that committed the work up to
     * {@code checkpoint}, so the checkpoint and the work commit or roll back together and a resumed run neither
     * skips nor repeats work. Throws if another node has taken the job over (this node was presumed dead).
     */
    void progress(long done, long total, long failed, long checkpoint);

    /** Stores the result figures shown on the job page (numbers or short strings, never personal data). */
    void summary(Map<String, ?> summary);

    /** True once someone asked to cancel the job, or this node is shutting down: stop at the next safe point. */
    boolean cancelRequested();
}
