package eu.localeconomy.job;

/**
 * Does one kind of job. Implementations are Spring beans; the worker calls {@link #run(JobRun)} on a background
 * thread, possibly again after a crash, when the run must continue from {@link JobRun#checkpoint()}.
 * <p>
 * Returning normally ends the job (SUCCEEDED, or CANCELLED when a cancellation was requested); throwing ends it
 * FAILED, with the error key of a {@link JobFailedException} or a generic one.
 */
public interface JobHandler {

    /** The kind this handler runs, e.g. {@code savings.register-import}; also the prefix of its message keys. */
    String kind();

    void run(JobRun run) throws Exception;
}
