package eu.localeconomy.membership.reminder;

import eu.localeconomy.job.JobFailedException;
import eu.localeconomy.job.JobHandler;
import eu.localeconomy.job.JobRun;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.shared.Actor;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Sends a campaign's due invitations or reminders as a job. The instant is fixed at submission, so a run resumed
 * after a crash judges the triggers as the first attempt did; what that attempt sent is no longer due (the send log),
 * so nothing goes twice.
 */
@Component
class ReminderJob implements JobHandler {

    private final Reminders reminders;

    ReminderJob(Reminders reminders) {
        this.reminders = reminders;
    }

    @Override
    public String kind() {
        return Reminders.JOB_KIND;
    }

    @Override
    public void run(JobRun run) {
        Map<String, String> parameters = run.parameters();
        CampaignId campaign;
        Reminders.Scope scope;
        Instant at;
        try {
            campaign = new CampaignId(UUID.fromString(parameters.get("campaign")));
            scope = Reminders.Scope.valueOf(parameters.get("scope"));
            at = Instant.parse(parameters.get("at"));
        } catch (RuntimeException e) {
            throw new JobFailedException(Reminders.JOB_KIND + ".error.gone");
        }
        Reminders.Sweep sweep;
        try {
            sweep = reminders.sweep(run.tenant(), campaign, at, scope, Actor.SYSTEM, run);
        } catch (NoSuchElementException e) {
            throw new JobFailedException(Reminders.JOB_KIND + ".error.gone");
        }
        run.summary(Map.of("sent", sweep.sent(), "noAddress", sweep.noAddress(), "failed", sweep.failed()));
    }
}
