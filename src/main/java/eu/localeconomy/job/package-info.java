/**
 * Jobs: long work (register imports, card issuance, conversion, settlement, synchronisation) run in the background
 * as a resumable job with progress shown in the UI, once across several application nodes. Owns the {@code job}
 * table. Modules contribute {@link eu.localeconomy.job.JobHandler} beans for their kinds of work and submit work
 * through {@link eu.localeconomy.job.Jobs}; a worker on every node claims queued jobs with
 * {@code FOR UPDATE SKIP LOCKED}, keeps a heartbeat while they run and resumes, from its last checkpoint, a job whose
 * node stopped beating. The page {@code /t/{slug}/office/jobs/{id}} and the fragment
 * {@code templates/job/progress.html :: progress(job)} show a job's progress.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jobs")
package eu.localeconomy.job;
