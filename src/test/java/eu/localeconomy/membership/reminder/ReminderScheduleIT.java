package eu.localeconomy.membership.reminder;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.membership.extranet.Baskets;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.membership.extranet.TermsOfSale;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.job.JobRun;
import eu.localeconomy.job.JobStatus;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.membership.followup.Declines;
import eu.localeconomy.membership.payment.OrderEvent;
import eu.localeconomy.membership.payment.OrderTimeline;
import eu.localeconomy.membership.payment.Payments;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.OrderFixtures;
import eu.localeconomy.support.DirectoryFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SmtpInbox;
import eu.localeconomy.support.TestTenants;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reminder schedule with fixed instants (the sweep's clock is a parameter): what each step sends, when, once, in
 * the recipient's language, and what stops it. Mails go through the outbox to a real SMTP server (GreenMail).
 */
@IntegrationTest
class ReminderScheduleIT {

    static final int SMTP_PORT = SmtpInbox.freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired Reminders reminders;
    @Autowired BasketFixtures fixtures;
    @Autowired DirectoryFixtures directory;
    @Autowired TestTenants tenants;
    @Autowired Professionals professionals;
    @Autowired Baskets baskets;
    @Autowired Orders orders;
    @Autowired TermsOfSale terms;
    @Autowired JdbcClient jdbc;
    @Autowired OrderFixtures orderFixtures;
    @Autowired Declines declines;
    @Autowired ReminderSchedule schedule;
    @Autowired Jobs jobs;
    @Autowired eu.localeconomy.membership.catalogue.Catalogue catalogue;
    @Autowired Payments payments;
    @Autowired OrderTimeline timeline;

    BasketFixtures.Office office;
    EstablishmentId dutchHotel;
    TestTenants.Person dutchPro;
    Instant t0;

    @BeforeEach
    void setUp() {
        office = fixtures.office(true);
        var id = office.tenant().id();
        dutchHotel = directory.establishment(id, "Hotel De Duinen").type(EstablishmentType.HOTEL).rooms(12).create();
        dutchPro = tenants.person(office.tenant(), Role.PROFESSIONAL, Language.NL);
        professionals.link(id, dutchPro.principal().userId(), dutchHotel, Actor.SYSTEM);
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void invitationsOnceThenNoOrderOnDayFourteenInTheRecipientsLanguage() throws Exception {
        var first = reminders.sweep(office.tenant().id(), office.campaign(), t0);
        assertThat(first.sent()).as("hotel, campsite, Dutch hotel invited").isEqualTo(3);
        assertThat(reminders.sweep(office.tenant().id(), office.campaign(), t0.plusSeconds(60)).sent()).isZero();

        String campaign = "Campagne " + (java.time.LocalDate.now().getYear() + 1);
        MimeMessage dutch = SmtpInbox.awaitMailTo(smtp, dutchPro.email(), "uw lidmaatschap");
        assertThat(dutch.getSubject()).isEqualTo(campaign + ": uw lidmaatschap voor Hotel De Duinen");
        assertThat(SmtpInbox.textOf(dutch)).contains("De ledencampagne", "/pro/establishments/" + dutchHotel.value());
        MimeMessage english = SmtpInbox.awaitMailTo(smtp, office.hotelPro().email(), "your membership");
        assertThat(english.getSubject()).isEqualTo(campaign + ": your membership for Hôtel des Falaises");

        assertThat(reminders.sweep(office.tenant().id(), office.campaign(), t0.plus(Duration.ofDays(13))).sent())
                .as("day 13: not yet").isZero();
        assertThat(reminders.sweep(office.tenant().id(), office.campaign(), t0.plus(Duration.ofDays(14))).sent())
                .as("day 14: the three without an order").isEqualTo(3);
        assertThat(reminders.sweep(office.tenant().id(), office.campaign(), t0.plus(Duration.ofDays(15))).sent())
                .as("once").isZero();

        MimeMessage reminder = SmtpInbox.awaitMailTo(smtp, dutchPro.email(), "Herinnering");
        assertThat(reminder.getSubject()).isEqualTo("Herinnering: " + campaign + " voor Hotel De Duinen");
        assertThat(SmtpInbox.textOf(reminder)).contains("We hebben nog geen bestelling", "/reminders/opt-out/");
        assertThat(mailsTo(dutchPro.email())).isEqualTo(2);
        assertThat(sent(Trigger.NO_ORDER)).isEqualTo(3);
    }

    @Test
    void anOrderStopsTheNoOrderReminderAndAnAbandonedBasketIsRemindedAfterThreeDays() {
        var tenant = office.tenant().context();
        reminders.sweep(office.tenant().id(), office.campaign(), t0);
        // The hotel orders; the campsite fills a basket and leaves it.
        baskets.open(tenant, office.campaign(), office.hotel(), office.hotelPro().principal());
        UUID current = terms.current(tenant.id()).orElseThrow().id();
        assertThat(orders.place(tenant, office.campaign(), office.hotel(), new Orders.Checkout(PaymentMethod.TRANSFER,
                current, true, UUID.randomUUID()), Language.FR, office.hotelPro().principal())).isInstanceOf(Orders.Placed.class);
        baskets.open(tenant, office.campaign(), office.campsite(), office.campsitePro().principal());
        assertThat(basketLines(office.campsite())).isPositive();

        Instant touched = basketTouchedAt(office.campsite());
        assertThat(reminders.sweep(office.tenant().id(), office.campaign(), touched.plus(Duration.ofDays(3)).minusSeconds(1)).sent())
                .as("basket untouched for less than 3 days").isZero();
        assertThat(reminders.sweep(office.tenant().id(), office.campaign(), touched.plus(Duration.ofDays(3))).sent()).isEqualTo(1);
        assertThat(sentTo(Trigger.BASKET_ABANDONED)).containsExactly(office.campsite().value());

        reminders.sweep(office.tenant().id(), office.campaign(), t0.plus(Duration.ofDays(14)));
        assertThat(sentTo(Trigger.NO_ORDER)).as("the hotel ordered")
                .containsExactlyInAnyOrder(office.campsite().value(), dutchHotel.value());
    }

    @Test
    void declinedAndOptedOutEstablishmentsAreSkippedExceptForMandatorySteps() {
        var id = office.tenant().id();
        declines.decline(id, office.campaign(), office.campsite(), "Pas cette saison", office.admin().principal(), false);
        reminders.optOut(id, dutchHotel);

        reminders.sweep(id, office.campaign(), t0);
        assertThat(sentTo(Trigger.INVITATION)).as("the invitation is mandatory: the opt-out does not stop it")
                .containsExactlyInAnyOrder(office.hotel().value(), dutchHotel.value());
        reminders.sweep(id, office.campaign(), t0.plus(Duration.ofDays(14)));
        assertThat(sentTo(Trigger.NO_ORDER)).as("opted out and declined are skipped")
                .containsExactly(office.hotel().value());
    }

    @Test
    void anEstablishmentWithoutAccountIsInvitedAtItsAddressWithAnExtranetInvitation() throws Exception {
        var id = office.tenant().id();
        String email = "contact-" + office.tenant().slug() + "@gite.test";
        EstablishmentId gite = directory.establishment(id, "Gîte du Phare").type(EstablishmentType.HOTEL).rooms(3)
                .email(email).create();
        reminders.sweep(id, office.campaign(), t0);
        MimeMessage invitation = SmtpInbox.awaitMailTo(smtp, email, "votre adhésion");
        assertThat(SmtpInbox.textOf(invitation)).contains("La campagne d'adh", "/pro/establishments/" + gite.value());
        SmtpInbox.awaitMailTo(smtp, email, "Votre invitation");
        assertThat(jdbc.sql("select count(*) from membership_invitation where tenant_id = ? and establishment_id = ?")
                .params(id.value(), gite.value()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void twoSweepsAtOnceSendEachMailOnce() throws Exception {
        List<TestTenants.Person> pros = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pros.add(fixtures.hotelWithProfessional(office, "Hôtel " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Reminders.Sweep>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return reminders.sweep(office.tenant().id(), office.campaign(), t0);
                }));
            }
            start.countDown();
            int sent = 0;
            for (var run : runs) {
                sent += run.get().sent();
            }
            assertThat(sent).isEqualTo(15);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sent(Trigger.INVITATION)).isEqualTo(15);
        for (var pro : pros) {
            assertThat(mailsTo(pro.email())).as(pro.email()).isEqualTo(1);
        }
        assertThat(reminders.steps(office.tenant().id(), office.campaign())).hasSize(Trigger.values().length);
    }

    @Test
    void anUnpaidOrderIsDemandedThirtyDaysAfterItsDueDateEvenOptedOutAndAPaidOneIsNot() throws Exception {
        var unpaid = orderFixtures.awaitingPayment(orderFixtures.office(), PaymentMethod.TRANSFER, Language.EN);
        var paid = orderFixtures.awaitingPayment(PaymentMethod.TRANSFER);
        orderFixtures.payInFull(paid);
        reminders.optOut(unpaid.tenant(), unpaid.office().hotel());
        LocalDate due = payments.dueDate(unpaid.tenant(), unpaid.orderId()).orElseThrow();
        var zone = unpaid.office().tenant().zone();

        reminders.sweep(unpaid.tenant(), unpaid.office().campaign(), morningOf(due.plusDays(29), zone));
        assertThat(sentTo(unpaid.office(), Trigger.INVOICE_UNPAID)).as("day 29 after the due date").isEmpty();
        reminders.sweep(unpaid.tenant(), unpaid.office().campaign(), morningOf(due.plusDays(30), zone));
        assertThat(sentTo(unpaid.office(), Trigger.INVOICE_UNPAID)).as("mandatory: the opt-out does not stop it")
                .containsExactly(unpaid.office().hotel().value());
        reminders.sweep(unpaid.tenant(), unpaid.office().campaign(), morningOf(due.plusDays(31), zone));
        assertThat(sentTo(unpaid.office(), Trigger.INVOICE_UNPAID)).hasSize(1);

        MimeMessage demand = SmtpInbox.awaitMailTo(smtp, unpaid.office().hotelPro().email(), "Payment reminder");
        assertThat(SmtpInbox.textOf(demand)).contains(Reminders.format(unpaid.gross(), Locale.ENGLISH),
                "/pro/orders/" + unpaid.orderId()).doesNotContain("/reminders/opt-out/");
        assertThat(timeline.of(unpaid.tenant(), unpaid.orderId())).extracting(OrderEvent::kind).contains("reminder.sent");

        LocalDate paidDue = payments.dueDate(paid.tenant(), paid.orderId()).orElseThrow();
        reminders.sweep(paid.tenant(), paid.office().campaign(), morningOf(paidDue.plusDays(30), zone));
        assertThat(sentTo(paid.office(), Trigger.INVOICE_UNPAID)).as("paid: nothing to demand").isEmpty();
    }

    @Test
    void aRunThatDiesHalfWayIsResumedFromItsCheckpointAndSendsEachMailOnce() {
        for (int i = 0; i < 6; i++) {
            fixtures.hotelWithProfessional(office, "Hôtel " + i);
        }
        // The first attempt loses its node after four sends: the fifth progress call throws, as a takeover would.
        var first = new StubRun(4);
        try {
            reminders.sweep(office.tenant().id(), office.campaign(), t0, Reminders.Scope.INVITATIONS, Actor.SYSTEM, first);
        } catch (IllegalStateException expected) {
            // the worker would retry the job
        }
        assertThat(sent(Trigger.INVITATION)).as("the fifth send rolled back with its progress").isEqualTo(4);
        var second = new StubRun(Integer.MAX_VALUE);
        second.checkpoint = first.checkpoint;
        var sweep = reminders.sweep(office.tenant().id(), office.campaign(), t0, Reminders.Scope.INVITATIONS, Actor.SYSTEM, second);
        assertThat(sweep.sent()).isEqualTo(5);
        assertThat(second.checkpoint).as("done counts both attempts").isEqualTo(9);
        assertThat(second.total).isEqualTo(9);
        assertThat(sent(Trigger.INVITATION)).isEqualTo(9);
        assertThat(jdbc.sql("select count(*) from mail_outbox where tenant_id = ?").param(office.tenant().id().value())
                .query(Integer.class).single()).isEqualTo(9);
    }

    @Test
    void theDailySweepSubmitsAJobPerOpenCampaignThatSendsOnlyRemindersUntilStaffInvited() {
        var id = office.tenant().id();
        schedule.daily();
        var job = jobs.recent(id, Reminders.JOB_KIND, 10).getFirst();
        assertThat(job.parameters()).containsEntry("scope", "REMINDERS").containsEntry("campaign", office.campaign().value().toString());
        assertThat(jobs.await(id, job.id(), Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(sent(Trigger.INVITATION)).as("the first invitations are the office's decision").isZero();

        reminders.sweep(id, office.campaign(), t0);
        schedule.daily();
        var next = jobs.recent(id, Reminders.JOB_KIND, 10).getFirst();
        assertThat(next.parameters()).containsEntry("scope", "ALL");
        assertThat(jobs.await(id, next.id(), Duration.ofSeconds(30)).summary()).containsEntry("sent", 0);
    }

    /** A job run as the worker gives it, that fails like a lost node after {@code allowed} progress calls. */
    static final class StubRun implements JobRun {
        final int allowed;
        int calls;
        long checkpoint;
        long total;

        StubRun(int allowed) {
            this.allowed = allowed;
        }

        @Override public UUID id() { return UUID.randomUUID(); }
        @Override public eu.localeconomy.shared.TenantId tenant() { return null; }
        @Override public java.util.Map<String, String> parameters() { return java.util.Map.of(); }
        @Override public long checkpoint() { return checkpoint; }
        @Override public void summary(java.util.Map<String, ?> summary) { }
        @Override public boolean cancelRequested() { return false; }

        @Override
        public void progress(long done, long total, long failed, long checkpoint) {
            if (++calls > allowed) {
                throw new IllegalStateException("taken over by another node");
            }
            this.checkpoint = checkpoint;
            this.total = total;
        }
    }

    @Test
    void aCampaignPastItsClosingDateOnlyDemandsItsUnpaidOrders() {
        var unpaid = orderFixtures.awaitingPayment(orderFixtures.office(), PaymentMethod.TRANSFER, Language.FR);
        var campaign = catalogue.campaign(unpaid.tenant(), unpaid.office().campaign()).orElseThrow();
        var zone = unpaid.office().tenant().zone();
        var sweep = reminders.sweep(unpaid.tenant(), campaign.id(), morningOf(campaign.closesOn().plusDays(1), zone));
        assertThat(sweep.sent()).isEqualTo(1);
        assertThat(sentTo(unpaid.office(), Trigger.INVOICE_UNPAID)).containsExactly(unpaid.office().hotel().value());
        assertThat(sentTo(unpaid.office(), Trigger.INVITATION)).as("no one is invited to a closed campaign").isEmpty();
    }

    private static Instant morningOf(LocalDate day, java.time.ZoneId zone) {
        return day.atTime(9, 0).atZone(zone).toInstant();
    }

    private int mailsTo(String email) {
        return jdbc.sql("select count(*) from mail_outbox where tenant_id = ? and lower(recipient) = lower(?)")
                .params(office.tenant().id().value(), email).query(Integer.class).single();
    }

    private int sent(Trigger trigger) {
        return sentTo(trigger).size();
    }

    private List<UUID> sentTo(Trigger trigger) {
        return sentTo(office, trigger);
    }

    private List<UUID> sentTo(BasketFixtures.Office office, Trigger trigger) {
        return jdbc.sql("""
                        select s.establishment_id from membership_reminder_sent s join membership_reminder_step st
                        on st.tenant_id = s.tenant_id and st.id = s.step_id
                        where s.tenant_id = ? and s.campaign_id = ? and st.trigger = ?""")
                .params(office.tenant().id().value(), office.campaign().value(), trigger.name())
                .query(UUID.class).list();
    }

    private int basketLines(EstablishmentId establishment) {
        return jdbc.sql("""
                        select count(*) from membership_basket_line l join membership_basket b
                        on b.tenant_id = l.tenant_id and b.id = l.basket_id where b.tenant_id = ? and b.establishment_id = ?""")
                .params(office.tenant().id().value(), establishment.value()).query(Integer.class).single();
    }

    private Instant basketTouchedAt(EstablishmentId establishment) {
        return jdbc.sql("select updated_at from membership_basket where tenant_id = ? and establishment_id = ?")
                .params(office.tenant().id().value(), establishment.value()).query(Timestamp.class).single().toInstant();
    }
}
