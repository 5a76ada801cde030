package eu.localeconomy.membership.catalogue;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.directory.Criterion;
import eu.localeconomy.directory.DirectoryField;
import eu.localeconomy.directory.DirectoryFields;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.directory.FieldType;
import eu.localeconomy.directory.Segment;
import eu.localeconomy.directory.SegmentId;
import eu.localeconomy.directory.Segments;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.ProductForm;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.ProductView;
import eu.localeconomy.membership.catalogue.CatalogueAdmin.RuleForm;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * Back office (tenant administrators): a product of a campaign, its ordered price rules, and "try it" — the product
 * priced for an establishment the administrator picks, with the explanation the professional will read.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class ProductController {

    static final List<Criterion.Operator> OPERATORS = List.of(Criterion.Operator.values());
    static final int CONDITION_ROWS = 3;

    private final CatalogueAdmin admin;
    private final Catalogue catalogue;
    private final Establishments establishments;
    private final Segments segments;
    private final DirectoryFields fields;
    private final PriceExplanations explanations;
    private final Clock clock;

    ProductController(CatalogueAdmin admin, Catalogue catalogue, Establishments establishments, Segments segments,
                      DirectoryFields fields, PriceExplanations explanations, Clock clock) {
        this.admin = admin;
        this.catalogue = catalogue;
        this.establishments = establishments;
        this.segments = segments;
        this.fields = fields;
        this.explanations = explanations;
        this.clock = clock;
    }

    record ProductCommand(String range, String code, String nameFr, String nameNl, String nameEn,
                          String descriptionFr, String descriptionNl, String descriptionEn, String type,
                          String vatRate, String basePrice, String donationMinimum, String availableFrom,
                          String availableUntil, String stockLimit, String maxPerOrder, List<String> requires,
                          List<String> excludes, String position) {

        static final Set<String> FIELDS = Set.of("range", "code", "nameFr", "nameNl", "nameEn", "descriptionFr",
                "descriptionNl", "descriptionEn", "type", "vatRate", "basePrice", "donationMinimum", "availableFrom",
                "availableUntil", "stockLimit", "maxPerOrder", "requires", "excludes", "position");

        static ProductCommand empty(String range) {
            return new ProductCommand(range, "", "", "", "", "", "", "", ProductType.OPTIONAL.name(), "2000", "", "",
                    "", "", "", "1", List.of(), List.of(), "0");
        }

        static ProductCommand of(ProductView view, String currency) {
            ProductForm f = view.form();
            return new ProductCommand(view.range().toString(), f.code(), OfficeForms.text(f.names(), Language.FR),
                    OfficeForms.text(f.names(), Language.NL), OfficeForms.text(f.names(), Language.EN),
                    OfficeForms.text(f.descriptions(), Language.FR), OfficeForms.text(f.descriptions(), Language.NL),
                    OfficeForms.text(f.descriptions(), Language.EN), f.type().name(),
                    String.valueOf(f.vatRateBasisPoints()), OfficeForms.plain(f.basePriceCents(), currency),
                    OfficeForms.plain(f.donationMinimumCents(), currency),
                    f.availableFrom() == null ? "" : f.availableFrom().toString(),
                    f.availableUntil() == null ? "" : f.availableUntil().toString(),
                    f.stockLimit() == null ? "" : f.stockLimit().toString(), String.valueOf(f.maxPerOrder()),
                    f.requires().stream().map(ProductId::toString).toList(),
                    f.excludes().stream().map(ProductId::toString).toList(), String.valueOf(f.position()));
        }

        ProductForm parse(String currency, BindingResult errors) {
            ProductType parsedType = Arrays.stream(ProductType.values()).filter(t -> t.name().equals(type))
                    .findFirst().orElse(null);
            Integer vat = OfficeForms.integer(vatRate, "vatRate", errors, "catalogue.product.error.vatRate");
            Long base = OfficeForms.cents(basePrice, currency, "basePrice", errors);
            Long minimum = OfficeForms.cents(donationMinimum, currency, "donationMinimum", errors);
            LocalDate from = OfficeForms.date(availableFrom, "availableFrom", errors, "catalogue.error.date");
            LocalDate until = OfficeForms.date(availableUntil, "availableUntil", errors, "catalogue.error.date");
            Integer stock = OfficeForms.integer(stockLimit, "stockLimit", errors, "catalogue.product.error.stockLimit");
            Integer max = OfficeForms.integer(maxPerOrder, "maxPerOrder", errors,
                    "catalogue.product.error.maxPerOrder");
            Integer at = OfficeForms.integer(position, "position", errors, "catalogue.error.position");
            return new ProductForm(code, OfficeForms.texts(nameFr, nameNl, nameEn),
                    OfficeForms.texts(descriptionFr, descriptionNl, descriptionEn), parsedType, vat == null ? -1 : vat,
                    base, minimum, from, until, stock, max == null ? 1 : max, ids(requires), ids(excludes),
                    at == null ? 0 : at);
        }

        private static Set<ProductId> ids(List<String> values) {
            Set<ProductId> ids = new LinkedHashSet<>();
            if (values != null) {
                values.stream().limit(200).forEach(v -> Uuids.parse(v).map(ProductId::new).ifPresent(ids::add));
            }
            return ids;
        }
    }

    record RuleCommand(String kind, String labelFr, String labelNl, String labelEn, String amount, String field,
                       String unitPrice, String minimum, String maximum, String mode, String bands, String percent,
                       String segment, List<String> conditionField, List<String> conditionOperator,
                       List<String> conditionValue, String conditionJson) {

        static final Set<String> FIELDS = Set.of("kind", "labelFr", "labelNl", "labelEn", "amount", "field",
                "unitPrice", "minimum", "maximum", "mode", "bands", "percent", "segment");

        static RuleCommand empty() {
            return new RuleCommand(PriceRuleKind.SET.name(), "", "", "", "", "", "", "", "", "ADD", "", "", "",
                    List.of(), List.of(), List.of(), "");
        }

        /**
         * A saved rule back in the form. A condition of at most three plain conditions fills the rows; any other
         * (groups from a segment) travels as its JSON and is kept unless rows or a segment replace it.
         */
        static RuleCommand of(PriceRule rule, String currency) {
            Map<String, Object> p = rule.params();
            List<String> fields = new ArrayList<>();
            List<String> operators = new ArrayList<>();
            List<String> values = new ArrayList<>();
            String json = "";
            if (rule.condition() != null) {
                List<Criterion> items = rule.condition() instanceof Criterion.Group g
                        && g.junction() == Criterion.Junction.ALL ? g.items() : List.of(rule.condition());
                if (items.size() <= CONDITION_ROWS && items.stream().allMatch(i -> i instanceof Criterion.Condition)) {
                    for (Criterion item : items) {
                        Criterion.Condition c = (Criterion.Condition) item;
                        fields.add(c.field());
                        operators.add(c.operator().name());
                        values.add(String.join(",", c.values()));
                    }
                } else {
                    json = eu.localeconomy.directory.Criteria.toJson(rule.condition());
                }
            }
            return new RuleCommand(rule.kind().name(), OfficeForms.text(rule.labels(), Language.FR),
                    OfficeForms.text(rule.labels(), Language.NL), OfficeForms.text(rule.labels(), Language.EN),
                    signed(p.get("amountCents"), currency), p.get("field") == null ? "" : p.get("field").toString(),
                    signed(p.get("unitCents"), currency), signed(p.get("minCents"), currency),
                    signed(p.get("maxCents"), currency), p.get("mode") == null ? "ADD" : p.get("mode").toString(),
                    bandsText(p.get("bands"), currency), p.get("percent") == null ? "" : p.get("percent").toString(),
                    "", fields, operators, values, json);
        }

        private static String signed(Object cents, String currency) {
            if (cents == null) {
                return "";
            }
            try {
                return new Money(new BigDecimal(cents.toString()).longValueExact(), currency).plain();
            } catch (ArithmeticException | NumberFormatException e) {
                return "";
            }
        }

        private static String bandsText(Object bands, String currency) {
            if (!(bands instanceof List<?> list)) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (Object b : list) {
                if (b instanceof Map<?, ?> band) {
                    parts.add(band.get("from") + "-" + (band.get("to") == null ? "" : band.get("to")) + "="
                            + signed(band.get("amountCents"), currency));
                }
            }
            return String.join("; ", parts);
        }

        public String conditionFieldAt(int i) {
            return at(conditionField, i);
        }

        public String conditionOperatorAt(int i) {
            return at(conditionOperator, i);
        }

        public String conditionValueAt(int i) {
            return at(conditionValue, i);
        }

        private static String at(List<String> values, int i) {
            return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
        }

        RuleForm parse(String currency, List<Segment> saved, BindingResult errors) {
            PriceRuleKind parsedKind = Arrays.stream(PriceRuleKind.values()).filter(k -> k.name().equals(kind))
                    .findFirst().orElse(null);
            Map<String, Object> params = new LinkedHashMap<>();
            if (parsedKind != null) {
                switch (parsedKind) {
                    case SET, ADJUST -> {
                        Long cents = signedCents(amount, currency, "amount", errors);
                        if (cents == null && !errors.hasFieldErrors("amount")) {
                            errors.rejectValue("amount", "catalogue.error.amount");
                        }
                        params.put("amountCents", cents);
                    }
                    case PER_UNIT -> {
                        params.put("field", field);
                        params.put("unitCents", OfficeForms.cents(unitPrice, currency, "unitPrice", errors));
                        params.put("minCents", OfficeForms.cents(minimum, currency, "minimum", errors));
                        params.put("maxCents", OfficeForms.cents(maximum, currency, "maximum", errors));
                        params.put("mode", "SET".equals(mode) ? "SET" : "ADD");
                    }
                    case BANDS -> {
                        params.put("field", field);
                        params.put("bands", bands(bands, currency, errors));
                        params.put("mode", "SET".equals(mode) ? "SET" : "ADD");
                    }
                    case PERCENT -> params.put("percent", percent == null ? null : percent.strip().replace(',', '.'));
                }
            }
            return new RuleForm(parsedKind, condition(saved, errors), params,
                    OfficeForms.texts(labelFr, labelNl, labelEn));
        }

        /** The rows given, combined with AND; a saved segment's criteria copied in (and ANDed with the rows). */
        Criterion condition(List<Segment> saved, BindingResult errors) {
            List<Criterion> items = new ArrayList<>();
            Optional<UUID> segmentId = Uuids.parse(segment);
            if (segment != null && !segment.isBlank()) {
                Optional<Segment> found = segmentId.flatMap(id -> saved.stream()
                        .filter(s -> s.id().equals(new SegmentId(id))).findFirst());
                if (found.isEmpty()) {
                    errors.rejectValue("segment", "catalogue.range.error.segment");
                } else {
                    items.add(found.get().criterion());
                }
            }
            for (int i = 0; i < CONDITION_ROWS; i++) {
                String f = conditionFieldAt(i).strip();
                if (f.isEmpty()) {
                    continue;
                }
                String operator = conditionOperatorAt(i);
                Criterion.Operator op = Arrays.stream(Criterion.Operator.values())
                        .filter(o -> o.name().equals(operator)).findFirst()
                        .orElse(Criterion.Operator.EQUALS);
                String value = conditionValueAt(i).strip();
                List<String> values = switch (op) {
                    case PRESENT, ABSENT -> List.of();
                    case ONE_OF -> Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                            .toList();
                    case BETWEEN -> {
                        String[] parts = value.split(",", -1);
                        yield List.of(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "");
                    }
                    default -> List.of(value);
                };
                items.add(new Criterion.Condition(f, op, values));
            }
            if (items.isEmpty() && conditionJson != null && !conditionJson.isBlank()) {
                try {
                    return eu.localeconomy.directory.Criteria.fromJson(conditionJson);
                } catch (RuntimeException e) {
                    errors.reject("catalogue.rule.error.conditionKept");
                    return null;
                }
            }
            if (items.isEmpty()) {
                return null;
            }
            return items.size() == 1 ? items.getFirst() : new Criterion.Group(Criterion.Junction.ALL, items);
        }

        private static Long signedCents(String text, String currency, String field, BindingResult errors) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String t = text.strip().replace('\u2212', '-');
            boolean negative = t.startsWith("-");
            Long cents = OfficeForms.cents(negative ? t.substring(1) : t.replace("+", ""), currency, field, errors);
            return cents == null ? null : negative ? -cents : cents;
        }

        /** "0-49=50.00; 50-99=80; 100-=120": bounds inclusive, an open end left blank. */
        private static List<Map<String, Object>> bands(String text, String currency, BindingResult errors) {
            List<Map<String, Object>> bands = new ArrayList<>();
            if (text == null) {
                return bands;
            }
            for (String part : text.split("[;\\n]")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] sides = part.split("=", 2);
                String[] bounds = sides[0].split("-", 2);
                try {
                    if (sides.length != 2 || bounds.length != 2 || bands.size() >= 100) {
                        throw new NumberFormatException();
                    }
                    Map<String, Object> band = new LinkedHashMap<>();
                    band.put("from", new BigDecimal(bounds[0].strip()));
                    band.put("to", bounds[1].isBlank() ? null : new BigDecimal(bounds[1].strip()));
                    band.put("amountCents", Money.parse(sides[1].strip(), currency).cents());
                    bands.add(band);
                } catch (NumberFormatException | ArithmeticException e) {
                    errors.rejectValue("bands", "catalogue.rule.error.bandsFormat");
                    return List.of();
                }
            }
            return bands;
        }
    }

    /** A rule as listed: what it does in words and when. */
    record RuleRow(PriceRule rule, String label, String condition, String params) {
    }

    @GetMapping("/t/{slug}/office/campaigns/{id}/products/new")
    String createForm(TenantContext tenant, @PathVariable String id,
                      @RequestParam(name = "range", required = false) String range, Model model) {
        Campaign campaign = campaign(tenant, id);
        ProductCommand form = ProductCommand.empty(range == null ? "" : range);
        return page(tenant, campaign, null, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/products")
    String create(TenantContext tenant, @PathVariable String id, @ModelAttribute("form") ProductCommand form,
                  @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        BindingResult errors = new BeanPropertyBindingResult(form, "form");
        ProductForm parsed = form.parse(tenant.currency(), errors);
        Optional<RangeId> range = Uuids.parse(form.range()).map(RangeId::new)
                .filter(r -> admin.campaignOfRange(tenant.id(), r).map(campaign.id()::equals).orElse(false));
        if (range.isEmpty()) {
            errors.rejectValue("range", "catalogue.product.error.range");
        }
        if (errors.hasErrors()) {
            OfficeForms.reject(admin.problems(tenant.id(), campaign.id(), null, parsed, 0), errors,
                    ProductCommand.FIELDS);
        } else {
            try {
                ProductId product = admin.createProduct(tenant.id(), range.get(), parsed, me);
                redirect.addFlashAttribute("notice", "catalogue.product.created");
                return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id() + "/products/" + product;
            } catch (CatalogueValidationException e) {
                OfficeForms.reject(e, errors, ProductCommand.FIELDS);
            }
        }
        return page(tenant, campaign, null, form, errors, model);
    }

    @GetMapping("/t/{slug}/office/campaigns/{id}/products/{productId}")
    String show(TenantContext tenant, @PathVariable String id, @PathVariable String productId,
                @RequestParam(name = "rule", required = false) String ruleId, Model model) {
        Campaign campaign = campaign(tenant, id);
        ProductView product = product(tenant, campaign, productId);
        Uuids.parse(ruleId).flatMap(r -> admin.rules(tenant.id(), product.id()).stream()
                .filter(x -> x.id().equals(r)).findFirst()).ifPresent(existing -> {
                    RuleCommand rule = RuleCommand.of(existing, tenant.currency());
                    model.addAttribute("rule", rule);
                    model.addAttribute("editing", existing);
                    model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "rule",
                            new BeanPropertyBindingResult(rule, "rule"));
                });
        ProductCommand form = ProductCommand.of(product, tenant.currency());
        return page(tenant, campaign, product, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/products/{productId}")
    String update(TenantContext tenant, @PathVariable String id, @PathVariable String productId,
                  @ModelAttribute("form") ProductCommand form, @AuthenticationPrincipal AccountPrincipal me,
                  Model model, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        ProductView product = product(tenant, campaign, productId);
        BindingResult errors = new BeanPropertyBindingResult(form, "form");
        ProductForm parsed = form.parse(tenant.currency(), errors);
        if (errors.hasErrors()) {
            OfficeForms.reject(admin.problems(tenant.id(), campaign.id(), product.id(), parsed, product.stockTaken()),
                    errors, ProductCommand.FIELDS);
        } else {
            try {
                admin.updateProduct(tenant.id(), product.id(), parsed, me);
                redirect.addFlashAttribute("notice", "catalogue.product.updated");
                return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id() + "/products/" + product.id();
            } catch (CatalogueValidationException e) {
                OfficeForms.reject(e, errors, ProductCommand.FIELDS);
            }
        }
        return page(tenant, campaign, product, form, errors, model);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/products/{productId}/rules")
    String addRule(TenantContext tenant, @PathVariable String id, @PathVariable String productId,
                   @ModelAttribute("rule") RuleCommand rule, @AuthenticationPrincipal AccountPrincipal me,
                   Model model, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        ProductView product = product(tenant, campaign, productId);
        BindingResult errors = new BeanPropertyBindingResult(rule, "rule");
        RuleForm parsed = rule.parse(tenant.currency(), segments.of(tenant.id()), errors);
        if (!errors.hasErrors()) {
            try {
                admin.addRule(tenant.id(), product.id(), parsed, me);
                redirect.addFlashAttribute("notice", "catalogue.rule.created");
                return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id() + "/products/"
                        + product.id() + "#rules";
            } catch (CatalogueValidationException e) {
                OfficeForms.reject(e, errors, RuleCommand.FIELDS);
            }
        }
        ProductCommand form = ProductCommand.of(product, tenant.currency());
        model.addAttribute("rule", rule);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "rule", errors);
        return page(tenant, campaign, product, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/products/{productId}/rules/{ruleId}")
    String updateRule(TenantContext tenant, @PathVariable String id, @PathVariable String productId,
                      @PathVariable String ruleId, @ModelAttribute("rule") RuleCommand rule,
                      @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        ProductView product = product(tenant, campaign, productId);
        PriceRule existing = admin.rules(tenant.id(), product.id()).stream()
                .filter(r -> r.id().equals(OfficeForms.uuidOr404(ruleId))).findFirst()
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        BindingResult errors = new BeanPropertyBindingResult(rule, "rule");
        RuleForm parsed = rule.parse(tenant.currency(), segments.of(tenant.id()), errors);
        if (!errors.hasErrors()) {
            try {
                admin.updateRule(tenant.id(), product.id(), existing.id(), parsed, me);
                redirect.addFlashAttribute("notice", "catalogue.rule.updated");
                return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id() + "/products/"
                        + product.id() + "#rules";
            } catch (CatalogueValidationException e) {
                OfficeForms.reject(e, errors, RuleCommand.FIELDS);
            }
        }
        ProductCommand form = ProductCommand.of(product, tenant.currency());
        model.addAttribute("rule", rule);
        model.addAttribute("editing", existing);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "rule", errors);
        return page(tenant, campaign, product, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/products/{productId}/rules/{ruleId}/move")
    String move(TenantContext tenant, @PathVariable String id, @PathVariable String productId,
                @PathVariable String ruleId, @RequestParam(name = "direction", required = false) String direction,
                @AuthenticationPrincipal AccountPrincipal me, RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        ProductView product = product(tenant, campaign, productId);
        try {
            admin.moveRule(tenant.id(), product.id(), OfficeForms.uuidOr404(ruleId), "up".equals(direction), me);
        } catch (UnknownCatalogueItemException e) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "catalogue.rule.moved");
        return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id() + "/products/" + product.id()
                + "#rules";
    }

    @PostMapping("/t/{slug}/office/campaigns/{id}/products/{productId}/rules/{ruleId}/delete")
    String delete(TenantContext tenant, @PathVariable String id, @PathVariable String productId,
                  @PathVariable String ruleId, @AuthenticationPrincipal AccountPrincipal me,
                  RedirectAttributes redirect) {
        Campaign campaign = campaign(tenant, id);
        ProductView product = product(tenant, campaign, productId);
        try {
            admin.deleteRule(tenant.id(), product.id(), OfficeForms.uuidOr404(ruleId), me);
        } catch (UnknownCatalogueItemException e) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "catalogue.rule.deleted");
        return "redirect:" + tenant.path() + "/office/campaigns/" + campaign.id() + "/products/" + product.id()
                + "#rules";
    }

    /** The product priced for one establishment, as an htmx fragment (or the whole page without JavaScript). */
    @GetMapping("/t/{slug}/office/campaigns/{id}/products/{productId}/try")
    String tryIt(TenantContext tenant, @PathVariable String id, @PathVariable String productId,
                 @RequestParam(name = "establishment", required = false) String establishment,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale, Model model) {
        Campaign campaign = campaign(tenant, id);
        ProductView product = product(tenant, campaign, productId);
        Optional<Establishment> chosen = Uuids.parse(establishment).map(EstablishmentId::new)
                .flatMap(e -> establishments.find(tenant.id(), e));
        model.addAttribute("tried", true);
        chosen.ifPresent(e -> {
            model.addAttribute("chosen", e);
            Offer offer = catalogue.offerFor(tenant.id(), campaign.id(), e.id(), today(tenant));
            model.addAttribute("offered", offer.products().stream().anyMatch(p -> p.id().equals(product.id())));
            if (product.form().basePriceCents() != null) {
                Price price = PriceEngine.price(new Money(product.form().basePriceCents(), tenant.currency()),
                        PriceEngine.compile(admin.rules(tenant.id(), product.id())), e);
                model.addAttribute("price", price);
                model.addAttribute("priceText", PriceExplanations.money(price.amount(), locale));
                model.addAttribute("explanation", explanations.lines(price, locale));
            }
        });
        if (htmx != null) {
            model.addAttribute("campaign", campaign);
            model.addAttribute("product", product);
            return "membership/catalogue/product :: try-result";
        }
        ProductCommand form = ProductCommand.of(product, tenant.currency());
        model.addAttribute("selectedEstablishment", establishment);
        return page(tenant, campaign, product, form, new BeanPropertyBindingResult(form, "form"), model);
    }

    private String page(TenantContext tenant, Campaign campaign, ProductView product, ProductCommand form,
                        BindingResult errors, Model model) {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        Language language = Language.fromLocale(locale).orElse(Language.FR);
        model.addAttribute("campaign", campaign);
        model.addAttribute("product", product);
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
        model.addAttribute("ranges", admin.ranges(tenant.id(), campaign.id()));
        model.addAttribute("others", admin.products(tenant.id(), campaign.id()).stream()
                .filter(p -> product == null || !p.id().equals(product.id())).toList());
        model.addAttribute("types", ProductType.values());
        model.addAttribute("vatRates", CatalogueAdmin.VAT_RATES);
        model.addAttribute("language", language);
        if (product != null) {
            List<DirectoryField> all = fields.of(tenant.id());
            model.addAttribute("fields", all);
            model.addAttribute("numericFields", all.stream().filter(f -> f.type() == FieldType.NUMBER).toList());
            model.addAttribute("operators", OPERATORS);
            model.addAttribute("conditionRows", java.util.stream.IntStream.range(0, CONDITION_ROWS).boxed().toList());
            model.addAttribute("kinds", PriceRuleKind.values());
            model.addAttribute("segments", segments.of(tenant.id()));
            model.addAttribute("rules", admin.rules(tenant.id(), product.id()).stream()
                    .map(r -> row(r, language, tenant.currency(), locale)).toList());
            if (!model.containsAttribute("rule")) {
                RuleCommand rule = RuleCommand.empty();
                model.addAttribute("rule", rule);
                model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "rule", new BeanPropertyBindingResult(rule, "rule"));
            }
            model.addAttribute("candidates", establishments.search(tenant.id(), "", null, 0, 200).items());
        }
        return "membership/catalogue/product";
    }

    private RuleRow row(PriceRule rule, Language language, String currency, Locale locale) {
        String label = rule.labels().getOrDefault(language, rule.labels().values().stream().findFirst().orElse(""));
        String condition = rule.condition() == null ? "" : describe(rule.condition());
        Map<String, Object> p = rule.params();
        String params = switch (rule.kind()) {
            case SET, ADJUST -> money(p.get("amountCents"), currency, locale);
            case PER_UNIT -> p.get("field") + " × " + money(p.get("unitCents"), currency, locale)
                    + (p.get("minCents") == null ? "" : " ≥ " + money(p.get("minCents"), currency, locale))
                    + (p.get("maxCents") == null ? "" : " ≤ " + money(p.get("maxCents"), currency, locale))
                    + " (" + p.getOrDefault("mode", "ADD") + ")";
            case BANDS -> p.get("field") + " " + bandsText(p.get("bands"), currency, locale)
                    + " (" + p.getOrDefault("mode", "ADD") + ")";
            case PERCENT -> p.get("percent") + " %";
        };
        return new RuleRow(rule, label, condition, params);
    }

    private static String bandsText(Object bands, String currency, Locale locale) {
        if (!(bands instanceof List<?> list)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Object b : list) {
            if (b instanceof Map<?, ?> band) {
                parts.add(band.get("from") + "–" + (band.get("to") == null ? "" : band.get("to")) + ": "
                        + money(band.get("amountCents"), currency, locale));
            }
        }
        return String.join("; ", parts);
    }

    private static String money(Object cents, String currency, Locale locale) {
        if (cents == null) {
            return "";
        }
        try {
            return PriceExplanations.money(new Money(new BigDecimal(cents.toString()).longValueExact(), currency),
                    locale);
        } catch (ArithmeticException | NumberFormatException e) {
            return String.valueOf(cents);
        }
    }

    static String describe(Criterion criterion) {
        return switch (criterion) {
            case Criterion.Group g -> {
                List<String> parts = g.items().stream().map(ProductController::describe).toList();
                yield parts.isEmpty() ? "" : "(" + String.join(g.junction() == Criterion.Junction.ALL ? " ∧ " : " ∨ ",
                        parts) + ")";
            }
            case Criterion.Condition c -> c.field() + " " + c.operator().name() + (c.values().isEmpty() ? ""
                    : " " + String.join(", ", c.values()));
        };
    }

    private LocalDate today(TenantContext tenant) {
        return tenant.today(clock);
    }

    private Campaign campaign(TenantContext tenant, String id) {
        return admin.campaign(tenant.id(), new CampaignId(OfficeForms.uuidOr404(id)))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    private ProductView product(TenantContext tenant, Campaign campaign, String productId) {
        ProductView product = admin.product(tenant.id(), new ProductId(OfficeForms.uuidOr404(productId)))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        if (!admin.campaignOfRange(tenant.id(), product.range()).map(campaign.id()::equals).orElse(false)) {
            throw new ResponseStatusException(NOT_FOUND);
        }
        return product;
    }
}
