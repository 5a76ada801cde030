package eu.localeconomy.membership.invoice;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.extranet.Professionals;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.InvoiceFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fifty professionals check out at once with invoices issued at order: fifty invoices numbered 1 to 50, unique, no
 * gap. An issue that fails after taking its number gives it back; issued invoices cannot be changed or deleted.
 */
@IntegrationTest
class InvoiceNumberingIT {

    static final int CHECKOUTS = 50;

    @Autowired BasketFixtures offices;
    @Autowired InvoiceFixtures fixtures;
    @Autowired Professionals professionals;
    @Autowired Invoices invoices;
    @Autowired InvoiceSetup setup;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void fiftyConcurrentCheckoutsGiveFiftyGaplessUniqueNumbers() throws Exception {
        var office = fixtures.office(InvoiceSettings.IssueAt.ORDER);
        var tenant = office.tenant().id();
        List<TestTenants.Person> pros = new ArrayList<>();
        List<EstablishmentId> hotels = new ArrayList<>();
        for (int i = 0; i < CHECKOUTS; i++) {
            var pro = offices.hotelWithProfessional(office, "Hôtel n° " + i);
            pros.add(pro);
            hotels.add(professionals.establishmentsOf(tenant, pro.principal().userId()).getFirst());
        }
        CountDownLatch start = new CountDownLatch(1);
        Set<UUID> orderIds = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(CHECKOUTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CHECKOUTS; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    start.await();
                    orderIds.add(fixtures.placeOrder(office, hotels.get(n), pros.get(n), PaymentMethod.TRANSFER));
                    return null;
                }));
            }
            start.countDown();
            for (var f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(orderIds).hasSize(CHECKOUTS);

        // Issued after each checkout's commit, by the listeners: wait for the fiftieth.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count(tenant.value()) < CHECKOUTS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        int year = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris"))).getYear();
        List<String> numbers = jdbc.sql("select number from membership_invoice where tenant_id = ? and kind = 'INVOICE' order by number")
                .param(tenant.value()).query(String.class).list();
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, CHECKOUTS)
                .mapToObj(i -> String.format("FA-%d-%05d", year, i)).toList());
        // One invoice per order, and numbers follow the issue order (chronological).
        assertThat(jdbc.sql("select count(distinct order_id) from membership_invoice where tenant_id = ?")
                .param(tenant.value()).query(Integer.class).single()).isEqualTo(CHECKOUTS);
        assertThat(jdbc.sql("select number from membership_invoice where tenant_id = ? order by issued_at, number")
                .param(tenant.value()).query(String.class).list()).isSorted();

        // A failure after the number was taken (here: the number is already used) gives the number back.
        UUID order = orderIds.iterator().next();
        String next = String.format("FA-%d-%05d", year, CHECKOUTS + 1);
        jdbc.sql("""
                        insert into membership_invoice (id, tenant_id, order_id, kind, number, issued_on, source, currency,
                            net_cents, vat_cents, gross_cents, language, snapshot, pdf, xml, issued_at)
                        select gen_random_uuid(), tenant_id, order_id, kind, ?, issued_on, 'test-squatter', currency,
                            net_cents, vat_cents, gross_cents, language, snapshot, pdf, xml, issued_at
                        from membership_invoice where tenant_id = ? and order_id = ?""")
                .params(next, tenant.value(), order).update();
        var unissued = fixtures.placeOrder(office, office.hotel(), office.hotelPro(), PaymentMethod.CHEQUE);
        awaitNoListenerWork(tenant.value(), unissued);
        assertThat(jdbc.sql("select last_value from membership_invoice_counter where tenant_id = ? and kind = 'INVOICE'")
                .param(tenant.value()).query(Long.class).single()).isEqualTo(CHECKOUTS);
        assertThat(setup.nextNumber(tenant, InvoiceDocument.Kind.INVOICE, "FA-{YYYY}-{SEQ:5}", "",
                LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris"))), null)).isEqualTo(next);
        assertThat(invoices.documentsOf(tenant, unissued)).isEmpty();

        // Issued invoices are append-only: the database refuses to change or delete them.
        assertThatThrownBy(() -> jdbc.sql("update membership_invoice set gross_cents = 1 where tenant_id = ?")
                .param(tenant.value()).update()).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> jdbc.sql("delete from membership_invoice where tenant_id = ?")
                .param(tenant.value()).update()).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> invoices.issue(tenant, unissued, Actor.SYSTEM))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    }

    private int count(UUID tenant) {
        return jdbc.sql("select count(*) from membership_invoice where tenant_id = ?").param(tenant)
                .query(Integer.class).single();
    }

    /** Waits until the order's OrderPlaced listeners have run (their publications completed or failed). */
    private void awaitNoListenerWork(UUID tenant, UUID order) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && jdbc.sql("""
                        select count(*) from event_publication where completion_date is null
                          and coalesce(status, '') <> 'FAILED' and serialized_event like ?""")
                .param("%" + order + "%").query(Integer.class).single() > 0) {
            Thread.sleep(100);
        }
    }
}
