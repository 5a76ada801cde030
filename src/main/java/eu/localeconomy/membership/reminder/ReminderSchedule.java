package eu.localeconomy.membership.reminder;

import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignStatus;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The daily sweep: a sending job for every open campaign of every tourism office, and for a closed one that still has
 * unpaid orders, on one node only (ShedLock). A campaign whose invitations staff have not sent yet only gets its
 * reminders: the first invitations are a decision.
 */
@Component
class ReminderSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);

    private final Tenants tenants;
    private final CatalogueAdmin catalogue;
    private final Reminders reminders;
    private final Clock clock;

    ReminderSchedule(Tenants tenants, CatalogueAdmin catalogue, Reminders reminders, Clock clock) {
        this.tenants = tenants;
        this.catalogue = catalogue;
        this.reminders = reminders;
        this.clock = clock;
    }

    @Scheduled(cron = "${app.membership.reminders.cron:0 0 8 * * *}", zone = "${app.membership.reminders.zone:Europe/Paris}")
    @SchedulerLock(name = "membership-reminders", lockAtMostFor = "PT30M")
    void daily() {
        int submitted = 0;
        for (Tenant tenant : tenants.all()) {
            if (!tenant.context().isTourismOffice()) {
                continue;
            }
            LocalDate today = LocalDate.now(clock.withZone(tenant.zone()));
            for (Campaign campaign : catalogue.campaigns(tenant.id())) {
                if (campaign.status() == CampaignStatus.DRAFT) {
                    continue;
                }
                Reminders.Scope scope;
                if (campaign.acceptsOrders(today)) {
                    scope = reminders.invitationsStarted(tenant.id(), campaign.id())
                            ? Reminders.Scope.ALL : Reminders.Scope.REMINDERS;
                } else if (reminders.hasUnpaidOrders(tenant.id(), campaign.id())) {
                    scope = Reminders.Scope.REMINDERS; // the sweep keeps only unpaid invoices of a closed campaign
                } else {
                    continue;
                }
                reminders.start(tenant.id(), campaign.id(), scope, Actor.SYSTEM);
                submitted++;
            }
        }
        log.info("Daily reminder sweep: {} campaign jobs submitted", submitted);
    }
}
