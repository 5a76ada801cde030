package eu.localeconomy.membership.catalogue;

import eu.localeconomy.directory.Criteria;
import eu.localeconomy.directory.Segment;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The price matrix before launch: every prospect (an establishment getting at least one range) × every product of
 * the campaign, its price or "—", the explanation on demand; filtered by range, segment and text, paged; exported to
 * XLSX (the matrix, then one row per prospect × product with range, price and explanation), streamed.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class MatrixController {

    static final int PAGE_SIZE = 50;

    private final CatalogueAdmin admin;
    private final LaunchChecks checks;
    private final Segments segments;
    private final PriceExplanations explanations;
    private final MessageSource messages;
    private final Clock clock;

    MatrixController(CatalogueAdmin admin, LaunchChecks checks, Segments segments, PriceExplanations explanations,
                     MessageSource messages, Clock clock) {
        this.admin = admin;
        this.checks = checks;
        this.segments = segments;
        this.explanations = explanations;
        this.messages = messages;
        this.clock = clock;
    }

    /** One cell: the price as read, its explanation; null price when the prospect is not offered the product. */
    record Cell(String price, String explanation, boolean conflict) {
    }

    record Row(LaunchChecks.Prospect prospect, List<String> ranges, List<Cell> cells) {
    }

    record Filters(String range, String segment, String q) {
    }

    @GetMapping("/t/{slug}/office/campaigns/{id}/matrix")
    String matrix(TenantContext tenant, @PathVariable String id,
                  @RequestParam(name = "range", required = false) String range,
                  @RequestParam(name = "segment", required = false) String segment,
                  @RequestParam(name = "q", required = false) String q,
                  @RequestParam(name = "page", required = false) String page, Locale locale, Model model) {
        Campaign campaign = campaign(tenant, id);
        Language language = Language.fromLocale(locale).orElse(Language.FR);
        List<Segment> allSegments = segments.of(tenant.id());
        List<CatalogueAdmin.RangeView> ranges = admin.ranges(tenant.id(), campaign.id());
        List<CatalogueAdmin.ProductView> products = admin.products(tenant.id(), campaign.id());
        List<LaunchChecks.Prospect> prospects = filtered(tenant, campaign, range, segment, q, allSegments);
        int pages = Math.max(1, (prospects.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = 1;
        try {
            current = page == null ? 1 : Math.min(pages, Math.max(1, Integer.parseInt(page.strip())));
        } catch (NumberFormatException ignored) {
            // a page that is not a number shows the first one
        }
        List<Row> rows = prospects.subList((current - 1) * PAGE_SIZE, Math.min(prospects.size(), current * PAGE_SIZE))
                .stream().map(p -> row(p, products, language, locale)).toList();
        model.addAttribute("campaign", campaign);
        model.addAttribute("ranges", ranges);
        model.addAttribute("segments", allSegments);
        model.addAttribute("products", products);
        model.addAttribute("rows", rows);
        model.addAttribute("total", prospects.size());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("filters", new Filters(range == null ? "" : range, segment == null ? "" : segment,
                q == null ? "" : q));
        model.addAttribute("language", language);
        return "membership/catalogue/matrix";
    }

    @GetMapping("/t/{slug}/office/campaigns/{id}/matrix.xlsx")
    void export(TenantContext tenant, @PathVariable String id,
                @RequestParam(name = "range", required = false) String range,
                @RequestParam(name = "segment", required = false) String segment,
                @RequestParam(name = "q", required = false) String q, Locale locale,
                HttpServletResponse response) throws IOException {
        Campaign campaign = campaign(tenant, id);
        Language language = Language.fromLocale(locale).orElse(Language.FR);
        List<CatalogueAdmin.ProductView> products = admin.products(tenant.id(), campaign.id());
        Map<RangeId, String> rangeNames = new HashMap<>();
        admin.ranges(tenant.id(), campaign.id()).forEach(r -> rangeNames.put(r.id(), name(r.names(), language)));
        List<LaunchChecks.Prospect> prospects = filtered(tenant, campaign, range, segment, q,
                segments.of(tenant.id()));

        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"price-matrix-" + campaign.season() + ".xlsx\"");
        try (OutputStream out = response.getOutputStream()) {
            Workbook workbook = new Workbook(out, "LocalEconomy", "1.0");
            Worksheet matrix = workbook.newWorksheet(message("catalogue.matrix.sheet.matrix", locale));
            Worksheet details = workbook.newWorksheet(message("catalogue.matrix.sheet.details", locale));
            matrix.value(0, 0, message("catalogue.matrix.establishment", locale));
            matrix.value(0, 1, message("catalogue.matrix.ranges", locale));
            for (int c = 0; c < products.size(); c++) {
                matrix.value(0, c + 2, products.get(c).form().code());
            }
            String[] header = {"catalogue.matrix.establishment", "catalogue.matrix.range", "catalogue.matrix.code",
                    "catalogue.matrix.product", "catalogue.matrix.price", "catalogue.matrix.explanation"};
            for (int c = 0; c < header.length; c++) {
                details.value(0, c, message(header[c], locale));
            }
            matrix.style(0, 0).bold().set();
            int detail = 1;
            for (int r = 0; r < prospects.size(); r++) {
                LaunchChecks.Prospect prospect = prospects.get(r);
                matrix.value(r + 1, 0, prospect.establishment().name());
                matrix.value(r + 1, 1, String.join(", ", prospect.offer().ranges().stream()
                        .map(x -> name(x.names(), language)).toList()));
                Map<ProductId, Offer.OfferedProduct> offered = new HashMap<>();
                Map<ProductId, String> rangeOf = new HashMap<>();
                for (Offer.OfferedRange offeredRange : prospect.offer().ranges()) {
                    for (Offer.OfferedProduct p : offeredRange.products()) {
                        offered.put(p.id(), p);
                        rangeOf.put(p.id(), name(offeredRange.names(), language));
                    }
                }
                for (int c = 0; c < products.size(); c++) {
                    Offer.OfferedProduct p = offered.get(products.get(c).id());
                    if (p == null) {
                        matrix.value(r + 1, c + 2, "—");
                        continue;
                    }
                    String explanation = p.price() == null ? message("catalogue.matrix.donation", locale)
                            : explanations.explain(p.price(), locale);
                    if (p.price() != null) {
                        matrix.value(r + 1, c + 2, p.price().amount().amount());
                        matrix.style(r + 1, c + 2).format("#,##0.00").set();
                    } else {
                        matrix.value(r + 1, c + 2, explanation);
                    }
                    details.value(detail, 0, prospect.establishment().name());
                    details.value(detail, 1, rangeOf.get(p.id()));
                    details.value(detail, 2, p.code());
                    details.value(detail, 3, name(p.names(), language));
                    if (p.price() != null) {
                        details.value(detail, 4, p.price().amount().amount());
                        details.style(detail, 4).format("#,##0.00").set();
                    }
                    details.value(detail, 5, explanation);
                    detail++;
                }
                if (r % 500 == 499) {
                    matrix.flush();
                    details.flush();
                }
            }
            workbook.finish();
        }
    }

    private List<LaunchChecks.Prospect> filtered(TenantContext tenant, Campaign campaign, String range,
                                                 String segment, String q, List<Segment> allSegments) {
        Optional<RangeId> rangeId = Uuids.parse(range).map(RangeId::new);
        Optional<Segment> chosen = Uuids.parse(segment).map(SegmentId::new)
                .flatMap(s -> allSegments.stream().filter(x -> x.id().equals(s)).findFirst());
        String text = q == null ? "" : fold(q.strip());
        if (text.length() > 100) {
            text = text.substring(0, 100);
        }
        String needle = text;
        List<LaunchChecks.Prospect> result = new ArrayList<>();
        for (LaunchChecks.Prospect p : checks.everyone(tenant.id(), campaign.id(), today(tenant))) {
            if (!LaunchChecks.isProspect(p)) {
                continue;
            }
            if (rangeId.isPresent() && p.offer().ranges().stream().noneMatch(r -> r.id().equals(rangeId.get()))) {
                continue;
            }
            if (chosen.isPresent() && !Criteria.matches(chosen.get().criterion(), p.establishment())) {
                continue;
            }
            if (!needle.isEmpty() && !fold(p.establishment().name()).contains(needle)) {
                continue;
            }
            result.add(p);
        }
        return result;
    }

    private Row row(LaunchChecks.Prospect prospect, List<CatalogueAdmin.ProductView> products, Language language,
                    Locale locale) {
        Map<ProductId, Offer.OfferedProduct> offered = new HashMap<>();
        prospect.offer().products().forEach(p -> offered.put(p.id(), p));
        List<Cell> cells = new ArrayList<>(products.size());
        for (CatalogueAdmin.ProductView product : products) {
            Offer.OfferedProduct p = offered.get(product.id());
            if (p == null) {
                cells.add(null);
            } else if (p.price() == null) {
                cells.add(new Cell(message("catalogue.matrix.donation", locale), "", false));
            } else {
                cells.add(new Cell(PriceExplanations.money(p.price().amount(), locale),
                        explanations.explain(p.price(), locale), !p.price().conflicts().isEmpty()));
            }
        }
        return new Row(prospect, prospect.offer().ranges().stream().map(r -> name(r.names(), language)).toList(),
                cells);
    }

    static String name(Map<Language, String> names, Language language) {
        String name = names.get(language);
        if (name == null) {
            name = names.getOrDefault(Language.FR, names.values().stream().findFirst().orElse(""));
        }
        return name;
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private LocalDate today(TenantContext tenant) {
        return tenant.today(clock);
    }

    private Campaign campaign(TenantContext tenant, String id) {
        return admin.campaign(tenant.id(), new CampaignId(OfficeForms.uuidOr404(id)))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }
}
