package eu.localeconomy.membership.payment;

import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The office's list of orders: a report over the order rows (money columns kept by payments), filtered and paged. */
@Repository
class OrderQueries {

    private final JdbcClient jdbc;

    OrderQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters; null = any. {@code establishments} null = any, empty = none match. */
    record Filter(CampaignId campaign, OrderStatus status, PaymentMethod method, Collection<EstablishmentId> establishments) {
    }

    record Row(UUID id, CampaignId campaign, EstablishmentId establishment, OrderStatus status, PaymentMethod method,
               Money gross, Money paid, Money refunded, LocalDate dueDate, Instant placedAt) {

        public Money balance() {
            return new Money(Math.max(0, gross.cents() - paid.cents() + refunded.cents()), gross.currency());
        }
    }

    record Page(List<Row> rows, int total, int page, int size) {

        public int pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    Page find(TenantId tenant, Filter filter, int page, int size) {
        if (filter.establishments() != null && filter.establishments().isEmpty()) {
            return new Page(List.of(), 0, 0, size);
        }
        StringBuilder where = new StringBuilder(" from membership_order where tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (filter.campaign() != null) {
            where.append(" and campaign_id = ?");
            params.add(filter.campaign().value());
        }
        if (filter.status() != null) {
            where.append(" and status = ?");
            params.add(filter.status().name());
        }
        if (filter.method() != null) {
            where.append(" and payment_method = ?");
            params.add(filter.method().name());
        }
        if (filter.establishments() != null) {
            where.append(" and establishment_id = any(?)");
            params.add(filter.establishments().stream().map(EstablishmentId::value).toArray(UUID[]::new));
        }
        int total = jdbc.sql("select count(*)" + where).params(params).query(Integer.class).single();
        int last = Math.max(0, (total - 1) / size);
        int p = Math.clamp(page, 0, last);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) p * size);
        List<Row> rows = jdbc.sql("select *" + where + " order by placed_at desc, id limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> {
                    String currency = rs.getString("currency");
                    Date due = rs.getDate("due_date");
                    return new Row(rs.getObject("id", UUID.class), new CampaignId(rs.getObject("campaign_id", UUID.class)),
                            new EstablishmentId(rs.getObject("establishment_id", UUID.class)),
                            OrderStatus.valueOf(rs.getString("status")), PaymentMethod.valueOf(rs.getString("payment_method")),
                            new Money(rs.getLong("gross_cents"), currency), new Money(rs.getLong("paid_cents"), currency),
                            new Money(rs.getLong("refunded_cents"), currency), due == null ? null : due.toLocalDate(),
                            rs.getTimestamp("placed_at").toInstant());
                }).list();
        return new Page(rows, total, p, size);
    }
}
