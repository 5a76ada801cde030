package eu.localeconomy.membership.extranet;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.shared.Language;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Stock under concurrent orders: never oversold; the same checkout posted many times at once gives one order. */
@IntegrationTest
class OrderStockIT {

    static final int PROFESSIONALS = 30;
    static final int STOCK = 20;

    @Autowired BasketFixtures fixtures;
    @Autowired Baskets baskets;
    @Autowired Orders orders;
    @Autowired Professionals professionals;
    @Autowired JdbcClient jdbc;

    @Test
    void thirtyProfessionalsOrderingTwentyPagesAtOnceGetExactlyTwenty() throws Exception {
        var office = fixtures.office(true);
        var tenant = office.tenant().context();
        var pages = office.products().pages();
        UUID terms = currentTerms(office);
        List<TestTenants.Person> pros = new ArrayList<>();
        List<EstablishmentId> hotels = new ArrayList<>();
        for (int i = 0; i < PROFESSIONALS; i++) {
            var pro = fixtures.hotelWithProfessional(office, "Hôtel n° " + i);
            var hotel = professionals.establishmentsOf(tenant.id(), pro.principal().userId()).getFirst();
            baskets.add(tenant, office.campaign(), hotel, pages, 1, Language.FR, pro.principal());
            pros.add(pro);
            hotels.add(hotel);
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger placed = new AtomicInteger();
        Set<String> refusals = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(PROFESSIONALS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < PROFESSIONALS; i++) {
                var pro = pros.get(i);
                var hotel = hotels.get(i);
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        var outcome = orders.place(tenant, office.campaign(), hotel, new Orders.Checkout(
                                PaymentMethod.TRANSFER, terms, true, UUID.randomUUID()), Language.FR, pro.principal());
                        if (outcome instanceof Orders.Placed) {
                            placed.incrementAndGet();
                        }
                    } catch (BasketException refused) {
                        refusals.add(refused.key());
                    }
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
        assertThat(placed.get()).isEqualTo(STOCK);
        assertThat(refusals).containsExactly("basket.error.soldOut");
        assertThat(jdbc.sql("select stock_taken from membership_product where tenant_id = ? and id = ?")
                .params(tenant.id().value(), pages.value()).query(Integer.class).single()).isEqualTo(STOCK);
        assertThat(jdbc.sql("""
                        select coalesce(sum(l.quantity), 0) from membership_order_line l
                        where l.tenant_id = ? and l.product_id = ?""")
                .params(tenant.id().value(), pages.value()).query(Integer.class).single()).isEqualTo(STOCK);
        // The ten refused kept their baskets.
        assertThat(jdbc.sql("""
                        select count(*) from membership_basket_line where tenant_id = ? and product_id = ?""")
                .params(tenant.id().value(), pages.value()).query(Integer.class).single()).isEqualTo(PROFESSIONALS - STOCK);
    }

    @Test
    void theSameCheckoutPostedTenTimesAtOnceGivesOneOrderAndTakesTheStockOnce() throws Exception {
        var office = fixtures.office(true);
        var tenant = office.tenant().context();
        var pages = office.products().pages();
        var pro = office.hotelPro().principal();
        baskets.add(tenant, office.campaign(), office.hotel(), pages, 2, Language.FR, pro);
        var checkout = new Orders.Checkout(PaymentMethod.CHEQUE, currentTerms(office), true, UUID.randomUUID());
        CountDownLatch start = new CountDownLatch(1);
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    ids.add(((Orders.Placed) orders.place(tenant, office.campaign(), office.hotel(), checkout,
                            Language.FR, pro)).orderId());
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
        assertThat(ids).hasSize(1);
        assertThat(jdbc.sql("select count(*) from membership_order where tenant_id = ?").param(tenant.id().value())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select stock_taken from membership_product where tenant_id = ? and id = ?")
                .params(tenant.id().value(), pages.value()).query(Integer.class).single()).isEqualTo(2);
    }

    private UUID currentTerms(BasketFixtures.Office office) {
        return jdbc.sql("select id from membership_terms where tenant_id = ? and published_at is not null order by version desc limit 1")
                .param(office.tenant().id().value()).query(UUID.class).single();
    }
}
