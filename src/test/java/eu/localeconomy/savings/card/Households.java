package eu.localeconomy.savings.card;

import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Synthetic eligible households without cards, as a register import leaves them, written with JDBC batches. Every
 * seventh is a second home whose owner lives in France; names carry Latin Extended letters.
 */
final class Households {

    private static final String[] FIRST = {"Łukasz", "Anaïs", "Jürgen", "Zoë", "Søren", "An", "Piet", "Émilie"};
    private static final String[] LAST = {"Dvořák", "Peeters", "Janssens", "Müller", "Nowak", "Dubois", "Ødegård", "Maes"};
    private static final String[] STREETS = {"Zeedijk", "Kerkstraat", "Lippenslaan", "Dumortierlaan", "Parijsstraat"};

    private Households() {
    }

    /** Inserts {@code count} households and returns their ids, in insertion order. */
    static List<UUID> insert(JdbcTemplate jdbc, Programmes programmes, TenantId tenant, Programme programme, int count) {
        List<Category> categories = programmes.categories(tenant, programme.id());
        Category resident = categories.stream().filter(c -> c.code().equals("RESIDENT")).findFirst().orElseThrow();
        Category secondHome = categories.stream().filter(c -> c.code().equals("SECOND_HOME")).findFirst().orElseThrow();
        List<UUID> ids = new ArrayList<>(count);
        List<Object[]> rows = new ArrayList<>(count);
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            boolean abroad = i % 7 == 6;
            Category category = abroad ? secondHome : resident;
            String name = FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length];
            rows.add(new Object[]{id, tenant.value(), programme.id(), category.id(), category.register().name(),
                    "HH-" + id, name, STREETS[i % STREETS.length], String.valueOf(1 + i % 180), i % 11 == 0 ? "3" : null,
                    i % 2 == 0 ? "8300" : "8301", "Duinhaven",
                    abroad ? name : null, abroad ? "12 rue de la Paix" : null, abroad ? "Bâtiment B" : null,
                    abroad ? "75002" : null, abroad ? "Paris" : null, abroad ? "FR" : null,
                    java.sql.Date.valueOf(programme.enrolmentOpensOn().minusDays(60)), now, now});
        }
        jdbc.batchUpdate("""
                insert into savings_household (id, tenant_id, programme_id, category_id, register, external_key, display_name,
                    street, house_number, box, postcode, municipality, postal_name, postal_line1, postal_line2,
                    postal_postcode, postal_city, postal_country, reference_date, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        return ids;
    }
}
