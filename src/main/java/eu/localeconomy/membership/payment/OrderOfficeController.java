package eu.localeconomy.membership.payment;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.account.Role;
import eu.localeconomy.directory.Establishment;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.directory.Establishments;
import eu.localeconomy.membership.catalogue.Campaign;
import eu.localeconomy.membership.catalogue.CampaignId;
import eu.localeconomy.membership.catalogue.Catalogue;
import eu.localeconomy.membership.catalogue.CatalogueAdmin;
import eu.localeconomy.membership.extranet.BasketFormat;
import eu.localeconomy.membership.extranet.Order;
import eu.localeconomy.membership.extranet.OrderStatus;
import eu.localeconomy.membership.extranet.Orders;
import eu.localeconomy.membership.extranet.PaymentMethod;
import eu.localeconomy.shared.ActorNames;
import eu.localeconomy.shared.ForTenantKind;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.Money;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.shared.Uuids;
import jakarta.servlet.http.HttpServletResponse;
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

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The office's orders: the list (filters, paging; page or htmx fragment) and an order with its money, payments and
 * timeline. Every staff role reads; administrators and finance record payments, refunds and cancellations.
 */
@Controller
@ForTenantKind(TenantKind.TOURISM_OFFICE)
class OrderOfficeController {

    static final int PAGE_SIZE = 25;
    static final List<PaymentMethod> OFFLINE = List.of(PaymentMethod.TRANSFER, PaymentMethod.CHEQUE, PaymentMethod.CASH);

    private final Payments payments;
    private final OrderQueries queries;
    private final Orders orders;
    private final OrderTimeline timeline;
    private final Establishments establishments;
    private final Catalogue catalogue;
    private final CatalogueAdmin catalogueAdmin;
    private final ActorNames actorNames;

    OrderOfficeController(Payments payments, OrderQueries queries, Orders orders, OrderTimeline timeline,
                          Establishments establishments, Catalogue catalogue, CatalogueAdmin catalogueAdmin,
                          ActorNames actorNames) {
        this.payments = payments;
        this.queries = queries;
        this.orders = orders;
        this.timeline = timeline;
        this.establishments = establishments;
        this.catalogue = catalogue;
        this.catalogueAdmin = catalogueAdmin;
        this.actorNames = actorNames;
    }

    // ---- The list ---------------------------------------------------------------------------------------------

    @GetMapping("/t/{slug}/office/orders")
    String list(TenantContext tenant, @RequestParam(name = "campaign", required = false) String campaign,
                @RequestParam(name = "status", required = false) String status,
                @RequestParam(name = "method", required = false) String method,
                @RequestParam(name = "q", required = false) String q,
                @RequestParam(name = "page", required = false) String page,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        CampaignId campaignId = Uuids.parse(campaign).map(CampaignId::new).orElse(null);
        OrderStatus wantedStatus = parse(OrderStatus.values(), status);
        PaymentMethod wantedMethod = parse(PaymentMethod.values(), method);
        String text = q == null || q.isBlank() ? null : q.strip();
        Collection<EstablishmentId> matching = text == null ? null : matching(tenant, text);
        int pageNumber = pageNumber(page);
        var result = queries.find(tenant.id(), new OrderQueries.Filter(campaignId, wantedStatus, wantedMethod, matching),
                pageNumber, PAGE_SIZE);
        Map<EstablishmentId, String> names = establishments.findAll(tenant.id(),
                        result.rows().stream().map(OrderQueries.Row::establishment).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Establishment::id, Establishment::name, (a, b) -> a));
        List<Campaign> campaigns = catalogueAdmin.campaigns(tenant.id());
        model.addAttribute("result", result);
        model.addAttribute("names", names);
        model.addAttribute("campaigns", campaigns);
        model.addAttribute("campaignNames", campaigns.stream().collect(Collectors.toMap(Campaign::id, Campaign::name)));
        model.addAttribute("statuses", OrderStatus.values());
        model.addAttribute("methods", PaymentMethod.values());
        model.addAttribute("filter", new ListFilter(campaignId == null ? "" : campaignId.toString(),
                wantedStatus == null ? "" : wantedStatus.name(), wantedMethod == null ? "" : wantedMethod.name(),
                text == null ? "" : text));
        return htmx != null ? "membership/payment/orders :: results" : "membership/payment/orders";
    }

    /** The filters as shown back in the form and carried by the paging links. */
    record ListFilter(String campaign, String status, String method, String q) {
    }

    private Collection<EstablishmentId> matching(TenantContext tenant, String text) {
        Set<EstablishmentId> ids = new HashSet<>();
        int page = 0;
        while (true) {
            var found = establishments.search(tenant.id(), text, null, page, 500);
            found.items().forEach(e -> ids.add(e.id()));
            if ((page + 1) * found.size() >= found.total() || found.items().isEmpty()) {
                return ids;
            }
            page++;
        }
    }

    // ---- One order --------------------------------------------------------------------------------------------

    /** The payment form as typed. {@code token} makes a double submit record once. */
    record PaymentForm(String amount, String receivedOn, String method, String reference, String chequeNumber,
                       String acceptOverpayment, String token) {
    }

    record RefundForm(String payment, String amount, String refundedOn, String reference, String reason, String token) {
    }

    record CancelForm(String reason) {
    }

    @GetMapping("/t/{slug}/office/orders/{orderId}")
    String order(TenantContext tenant, @PathVariable String orderId, @AuthenticationPrincipal AccountPrincipal me,
                 Locale locale, Model model) {
        Order order = find(tenant, orderId);
        var account = payments.account(tenant.id(), order.id()).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
        return page(tenant, me, order, account, locale, defaultPaymentForm(tenant, order, account),
                defaultRefundForm(tenant), new CancelForm(null), null, model);
    }

    @PostMapping("/t/{slug}/office/orders/{orderId}/payments")
    String recordPayment(TenantContext tenant, @PathVariable String orderId, @ModelAttribute("paymentForm") PaymentForm form,
                         @AuthenticationPrincipal AccountPrincipal me, Locale locale, HttpServletResponse response,
                         Model model, RedirectAttributes redirect) {
        requireFinance(me);
        Order order = find(tenant, orderId);
        var errors = new BeanPropertyBindingResult(form, "paymentForm");
        Money amount = amount(form.amount(), tenant.currency(), "amount", errors);
        LocalDate date = date(form.receivedOn(), "receivedOn", errors);
        PaymentMethod method = parse(OFFLINE.toArray(PaymentMethod[]::new), form.method());
        if (method == null) {
            errors.rejectValue("method", "payment.error.method");
        }
        if (!errors.hasErrors()) {
            try {
                payments.record(tenant.id(), order.id(), new PaymentEntry(method, amount, date, form.reference(),
                        form.chequeNumber(), form.acceptOverpayment() != null, null, formKey("payment", form.token())), me);
                redirect.addFlashAttribute("notice", "orders.payment.recorded");
                return "redirect:" + tenant.path() + "/office/orders/" + order.id();
            } catch (PaymentException refused) {
                PaymentSettingsController.reject(errors, withMoney(refused, locale));
            }
        }
        response.setStatus(422);
        var account = payments.account(tenant.id(), order.id()).orElseThrow();
        return page(tenant, me, order, account, locale, form, defaultRefundForm(tenant), new CancelForm(null), errors, model);
    }

    @PostMapping("/t/{slug}/office/orders/{orderId}/refunds")
    String refund(TenantContext tenant, @PathVariable String orderId, @ModelAttribute("refundForm") RefundForm form,
                  @AuthenticationPrincipal AccountPrincipal me, Locale locale, HttpServletResponse response,
                  Model model, RedirectAttributes redirect) {
        requireFinance(me);
        Order order = find(tenant, orderId);
        var errors = new BeanPropertyBindingResult(form, "refundForm");
        UUID payment = Uuids.parse(form.payment()).orElse(null);
        if (payment == null) {
            errors.rejectValue("payment", "orderRefund.error.payment");
        }
        Money amount = amount(form.amount(), tenant.currency(), "amount", errors);
        LocalDate date = date(form.refundedOn(), "refundedOn", errors);
        if (form.reason() == null || form.reason().isBlank()) {
            errors.rejectValue("reason", "orderRefund.error.reason");
        }
        if (!errors.hasErrors()) {
            try {
                payments.refund(tenant.id(), order.id(), new RefundEntry(payment, amount, date, form.reference(),
                        form.reason(), formKey("refund", form.token())), me);
                redirect.addFlashAttribute("notice", "orders.refund.recorded");
                return "redirect:" + tenant.path() + "/office/orders/" + order.id();
            } catch (PaymentException refused) {
                PaymentSettingsController.reject(errors, withMoney(refused, locale));
            }
        }
        response.setStatus(422);
        var account = payments.account(tenant.id(), order.id()).orElseThrow();
        return page(tenant, me, order, account, locale, defaultPaymentForm(tenant, order, account), form,
                new CancelForm(null), errors, model);
    }

    @PostMapping("/t/{slug}/office/orders/{orderId}/cancel")
    String cancel(TenantContext tenant, @PathVariable String orderId, @ModelAttribute("cancelForm") CancelForm form,
                  @AuthenticationPrincipal AccountPrincipal me, Locale locale, HttpServletResponse response,
                  Model model, RedirectAttributes redirect) {
        requireFinance(me);
        Order order = find(tenant, orderId);
        var errors = new BeanPropertyBindingResult(form, "cancelForm");
        try {
            payments.cancel(tenant.id(), order.id(), form.reason(), me);
            redirect.addFlashAttribute("notice", "orders.cancelled");
            return "redirect:" + tenant.path() + "/office/orders/" + order.id();
        } catch (PaymentException refused) {
            PaymentSettingsController.reject(errors, withMoney(refused, locale));
        }
        response.setStatus(422);
        var account = payments.account(tenant.id(), order.id()).orElseThrow();
        return page(tenant, me, order, account, locale, defaultPaymentForm(tenant, order, account),
                defaultRefundForm(tenant), form, errors, model);
    }

    /** A new refund form: dated today, with its own token (its idempotency key). */
    private RefundForm defaultRefundForm(TenantContext tenant) {
        return new RefundForm(null, null, payments.today(tenant.id()).toString(), null, null, UUID.randomUUID().toString());
    }

    private PaymentForm defaultPaymentForm(TenantContext tenant, Order order, OrderAccount account) {
        return new PaymentForm(account.balance().plain(), payments.today(tenant.id()).toString(),
                OFFLINE.contains(order.paymentMethod()) ? order.paymentMethod().name() : PaymentMethod.TRANSFER.name(),
                null, null, null, UUID.randomUUID().toString());
    }

    /** One line of the timeline as shown: what, when, by whom, with a short summary of its details. */
    record TimelineLine(OrderEvent event, String actor, String summary) {
    }

    private String page(TenantContext tenant, AccountPrincipal me, Order order, OrderAccount account, Locale locale,
                        PaymentForm paymentForm, RefundForm refundForm, CancelForm cancelForm, BindingResult errors,
                        Model model) {
        var events = timeline.of(tenant.id(), order.id());
        Set<UUID> actors = events.stream().map(OrderEvent::actorId).filter(Objects::nonNull).collect(Collectors.toSet());
        account.payments().forEach(p -> {
            if (p.recordedBy() != null) {
                actors.add(p.recordedBy());
            }
        });
        Map<UUID, String> names = actorNames.namesOf(tenant.id(), actors);
        model.addAttribute("order", order);
        model.addAttribute("account", account);
        model.addAttribute("overpaid", account.payments().stream().filter(p -> p.kind() == PaymentKind.PAYMENT)
                .map(PaymentRecord::overpaid).reduce(Money::plus).orElse(new Money(0, order.gross().currency())));
        model.addAttribute("refundable", refundable(account));
        model.addAttribute("actorNames", names);
        model.addAttribute("timeline", events.stream().map(e -> new TimelineLine(e,
                e.actorId() == null ? null : names.getOrDefault(e.actorId(), ""), summary(e, locale))).toList());
        model.addAttribute("campaign", catalogue.campaign(tenant.id(), order.campaignId()).orElse(null));
        model.addAttribute("establishment", establishments.find(tenant.id(), order.establishmentId()).orElse(null));
        model.addAttribute("instructions", payments.instructions(tenant.id(), order.id(),
                Language.fromLocale(locale).orElse(Language.FR)).orElse(null));
        model.addAttribute("canEdit", mayEdit(me));
        model.addAttribute("offlineMethods", OFFLINE);
        model.addAttribute("paymentForm", paymentForm);
        model.addAttribute("refundForm", refundForm);
        model.addAttribute("cancelForm", cancelForm);
        for (String name : List.of("paymentForm", "refundForm", "cancelForm")) {
            Object target = model.getAttribute(name);
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name,
                    errors != null && errors.getObjectName().equals(name) ? errors : new BeanPropertyBindingResult(target, name));
        }
        return "membership/payment/order";
    }

    /** Payments that still hold money, with what each may still give back. */
    record Refundable(PaymentRecord payment, Money left) {
    }

    private static List<Refundable> refundable(OrderAccount account) {
        Map<UUID, Long> refunded = account.payments().stream().filter(p -> p.kind() == PaymentKind.REFUND)
                .collect(Collectors.groupingBy(PaymentRecord::refundsPaymentId, Collectors.summingLong(p -> p.amount().cents())));
        List<Refundable> list = new ArrayList<>();
        for (PaymentRecord p : account.payments()) {
            if (p.kind() == PaymentKind.PAYMENT) {
                long left = p.amount().cents() - refunded.getOrDefault(p.id(), 0L);
                if (left > 0) {
                    list.add(new Refundable(p, new Money(left, p.amount().currency())));
                }
            }
        }
        return list;
    }

    private static String summary(OrderEvent e, Locale locale) {
        Map<String, Object> d = e.details();
        Function<String, String> money = key -> d.get(key) instanceof Number n && d.get("currency") instanceof String c
                ? BasketFormat.money(new Money(n.longValue(), c), locale) : "";
        return switch (e.kind()) {
            case "payment.recorded", "refund.recorded" -> money.apply("amountCents");
            case "placed" -> money.apply("grossCents");
            default -> "";
        };
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    private Order find(TenantContext tenant, String orderId) {
        return Uuids.parse(orderId).flatMap(id -> orders.find(tenant.id(), id))
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }

    static boolean mayEdit(AccountPrincipal me) {
        return me != null && (me.role() == Role.TENANT_ADMIN || me.role() == Role.FINANCE);
    }

    private static void requireFinance(AccountPrincipal me) {
        if (!mayEdit(me)) {
            throw new ResponseStatusException(FORBIDDEN);
        }
    }

    /** The form's token as the payment's idempotency key; a missing or forged token gets a message, not a record. */
    private static String formKey(String kind, String token) {
        return Uuids.parse(token).map(t -> "form:" + kind + ":" + t).orElse(null);
    }

    private static Money amount(String text, String currency, String field, BindingResult errors) {
        try {
            Money money = Money.parse(text, currency);
            if (money.cents() <= 0) {
                errors.rejectValue(field, "payment.error.amountPositive");
                return null;
            }
            return money;
        } catch (NumberFormatException | ArithmeticException e) {
            errors.rejectValue(field, "payment.error.amountInvalid");
            return null;
        }
    }

    private static LocalDate date(String text, String field, BindingResult errors) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            errors.rejectValue(field, "payment.error.dateInvalid");
            return null;
        }
    }

    /** Money arguments of a refusal in the reader's conventions. */
    private static PaymentException withMoney(PaymentException e, Locale locale) {
        Object[] arguments = Arrays.stream(e.arguments())
                .map(a -> a instanceof Money m ? BasketFormat.money(m, locale) : a).toArray();
        return new PaymentException(e.field(), e.key(), arguments);
    }

    static <E extends Enum<E>> E parse(E[] values, String text) {
        return Arrays.stream(values).filter(v -> v.name().equals(text)).findFirst().orElse(null);
    }

    private static int pageNumber(String text) {
        try {
            return Math.max(0, Integer.parseInt(text == null ? "0" : text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
