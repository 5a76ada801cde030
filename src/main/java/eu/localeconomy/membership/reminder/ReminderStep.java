package eu.localeconomy.membership.reminder;

import eu.localeconomy.membership.catalogue.CampaignId;

import java.util.UUID;

/** One step of a campaign's mailing: its trigger, the delay in days, whether it ignores opt-outs, whether it runs. */
public record ReminderStep(UUID id, CampaignId campaign, Trigger trigger, int days, boolean mandatory, boolean active,
                           int position) {
}
