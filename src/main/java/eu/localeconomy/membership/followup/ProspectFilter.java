package eu.localeconomy.membership.followup;

import eu.localeconomy.directory.EstablishmentType;
import eu.localeconomy.membership.catalogue.ProductId;
import eu.localeconomy.membership.catalogue.RangeId;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.membership.followup.CampaignFollowUp.Prospect;
import eu.localeconomy.membership.followup.CampaignFollowUp.Snapshot;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.Uuids;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The filters of the prospect list, as the dashboard's links and the filter form write them. Anything that does not
 * parse (a made-up stage, a short id) is dropped rather than refused: the list then says what it shows.
 * <ul>
 *   <li>{@code stage}: the prospect's stage ({@link Stage});</li>
 *   <li>{@code revenue=ORDERED|PAID}: prospects whose live order (PAID: paid order) counts for the revenue, with
 *       {@code range} or {@code product} the part of it in that range or product; the list then shows that amount
 *       and its total equals the dashboard's figure;</li>
 *   <li>without {@code revenue}, {@code range} / {@code product}: prospects the campaign offers it to;</li>
 *   <li>{@code method}: prospects that paid by that method ({@code ANY}: by any), amount received net of refunds;</li>
 *   <li>{@code type}: establishment type; {@code q}: name, city or postcode containing the text (accents and case
 *       ignored).</li>
 * </ul>
 */
record ProspectFilter(Stage stage, Basis revenue, UUID range, UUID product, PaymentMethod method, boolean anyMethod,
                      EstablishmentType type, String q, int page) {

    static final int PAGE_SIZE = 50;
    static final int MAX_QUERY = 100;

    enum Basis { ORDERED, PAID }

    /** A row of the list: the prospect, and the amount that led to it (null when no amount filter is set). */
    record Row(Prospect prospect, Money amount) {
    }

    static ProspectFilter parse(Map<String, String> params) {
        String q = params.getOrDefault("q", "");
        q = q == null ? "" : q.strip();
        if (q.length() > MAX_QUERY) {
            q = q.substring(0, MAX_QUERY);
        }
        String method = params.get("method");
        int page = 1;
        try {
            page = Math.max(1, Math.min(100_000, Integer.parseInt(params.getOrDefault("page", "1").strip())));
        } catch (NumberFormatException | NullPointerException ignored) {
            // Not a page number: the first page.
        }
        return new ProspectFilter(enumOf(Stage.class, params.get("stage")), enumOf(Basis.class, params.get("revenue")),
                Uuids.parse(params.get("range")).orElse(null), Uuids.parse(params.get("product")).orElse(null),
                enumOf(PaymentMethod.class, method), "ANY".equals(method),
                enumOf(EstablishmentType.class, params.get("type")), q, page);
    }

    public boolean hasAmount() {
        return revenue != null || method != null || anyMethod;
    }

    List<Row> apply(Snapshot snapshot) {
        var rangeOf = snapshot.rangeOfProduct();
        String needle = fold(q);
        List<Row> rows = new ArrayList<>();
        for (Prospect p : snapshot.prospects()) {
            if (stage != null && p.stage() != stage) {
                continue;
            }
            if (type != null && p.type() != type) {
                continue;
            }
            if (!needle.isEmpty() && !(fold(p.name()).contains(needle) || fold(p.city()).contains(needle)
                    || fold(p.postcode()).contains(needle))) {
                continue;
            }
            Long amount = null;
            if (revenue != null) {
                if (p.order() == null || (revenue == Basis.PAID && !p.paid())) {
                    continue;
                }
                if (product != null) {
                    amount = p.orderedNetByProduct().get(new ProductId(product));
                } else if (range != null) {
                    amount = Figures.sumIn(p, rangeOf, new RangeId(range));
                } else {
                    amount = p.order().netCents();
                }
                if (amount == null) {
                    continue;
                }
            } else {
                if (range != null && !p.offeredRanges().contains(new RangeId(range))) {
                    continue;
                }
                if (product != null && !p.offeredProducts().contains(new ProductId(product))) {
                    continue;
                }
            }
            if (method != null || anyMethod) {
                Long received = null;
                for (var r : p.receivedByMethod().entrySet()) {
                    if (anyMethod || r.getKey() == method) {
                        received = (received == null ? 0 : received) + r.getValue();
                    }
                }
                if (received == null) {
                    continue;
                }
                amount = received;
            }
            rows.add(new Row(p, amount == null ? null : new Money(amount, snapshot.currency())));
        }
        return rows;
    }

    /** The rows of this filter's page. */
    static <T> List<T> page(List<T> rows, int page) {
        int from = Math.min(rows.size(), (page - 1) * PAGE_SIZE);
        return rows.subList(from, Math.min(rows.size(), from + PAGE_SIZE));
    }

    static int pages(int rows) {
        return Math.max(1, (rows + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** The query string of these filters (no page), for the export links and the pager. */
    public String query() {
        List<String> parts = new ArrayList<>();
        add(parts, "stage", stage == null ? null : stage.name());
        add(parts, "revenue", revenue == null ? null : revenue.name());
        add(parts, "range", range == null ? null : range.toString());
        add(parts, "product", product == null ? null : product.toString());
        add(parts, "method", anyMethod ? "ANY" : method == null ? null : method.name());
        add(parts, "type", type == null ? null : type.name());
        add(parts, "q", q.isEmpty() ? null : q);
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** The same filters on another page. */
    public String query(int otherPage) {
        String query = query();
        return (query.isEmpty() ? "" : query + "&") + "page=" + otherPage;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(text.strip())).findFirst().orElse(null);
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
