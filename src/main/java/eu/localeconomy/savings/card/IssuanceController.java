package eu.localeconomy.savings.card;

import eu.localeconomy.account.AccountPrincipal;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.savings.programme.Category;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.TenantContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.localeconomy.shared.Uuids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.time.Clock;

/** Back office, tenant administrators: number the cards of a programme and print them in batches. */
@Controller
class IssuanceController {

    /** The new-batch form. Free text (postcodes, card numbers) is checked here, with messages next to the fields. */
    record BatchForm(UUID programme, IssuanceBatches.Selection selection, UUID category, String postcodes,
                     String numbers, PrintLayout layout) {
    }

    static final int MAX_NUMBERS = 1_000;

    private final Programmes programmes;
    private final Cards cards;
    private final IssuanceBatches batches;
    private final AuditLog audit;
    private final Clock clock;

    IssuanceController(Programmes programmes, Cards cards, IssuanceBatches batches, AuditLog audit, Clock clock) {
        this.programmes = programmes;
        this.cards = cards;
        this.batches = batches;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/t/{slug}/office/issuance")
    String page(TenantContext tenant, @RequestParam(name = "programme", required = false) String programmeParam, Model model) {
        List<Programme> all = programmes.all(tenant.id());
        Optional<Programme> programme = parse(programmeParam).flatMap(id -> programmes.find(tenant.id(), id))
                .or(() -> programmes.current(tenant.id(), tenant.today(clock)));
        model.addAttribute("programmes", all);
        model.addAttribute("layouts", PrintLayout.values());
        model.addAttribute("selections", IssuanceBatches.Selection.values());
        programme.ifPresent(p -> {
            model.addAttribute("programme", p);
            model.addAttribute("counts", cards.counts(tenant.id(), p.id()));
            model.addAttribute("categories", programmes.categories(tenant.id(), p.id()));
            model.addAttribute("batches", batches.recent(tenant.id(), p.id(), 50));
            if (!model.containsAttribute("form")) {
                model.addAttribute("form", new BatchForm(p.id(), IssuanceBatches.Selection.ALL, null, "", "", PrintLayout.CARRIER));
            }
        });
        return "savings/issuance";
    }

    @PostMapping("/t/{slug}/office/issuance/numbering")
    String number(TenantContext tenant, @RequestParam(name = "programme", required = false) String programmeParam,
                  RedirectAttributes redirect) {
        Optional<Programme> programme = parse(programmeParam).flatMap(id -> programmes.find(tenant.id(), id));
        if (programme.isEmpty()) {
            redirect.addFlashAttribute("alert", "card.issuance.programme.unknown");
            return "redirect:" + tenant.path() + "/office/issuance";
        }
        int created = cards.number(tenant.id(), programme.get().id());
        redirect.addFlashAttribute("notice", "card.issuance.numbered");
        redirect.addFlashAttribute("noticeArgument", created);
        return "redirect:" + tenant.path() + "/office/issuance?programme=" + programme.get().id();
    }

    @PostMapping("/t/{slug}/office/issuance/batches")
    String create(TenantContext tenant, @ModelAttribute("form") BatchForm form, BindingResult errors,
                  @AuthenticationPrincipal AccountPrincipal me, Model model, RedirectAttributes redirect) {
        Optional<Programme> programme = Optional.ofNullable(form.programme()).flatMap(id -> programmes.find(tenant.id(), id));
        if (programme.isEmpty()) {
            redirect.addFlashAttribute("alert", "card.issuance.programme.unknown");
            return "redirect:" + tenant.path() + "/office/issuance";
        }
        UUID programmeId = programme.get().id();
        if (form.selection() == null && !errors.hasFieldErrors("selection")) {
            errors.rejectValue("selection", "validation.choice");
        }
        if (form.layout() == null && !errors.hasFieldErrors("layout")) {
            errors.rejectValue("layout", "validation.choice");
        }
        List<String> postcodes = List.of();
        List<CardNumber> numbers = List.of();
        if (form.selection() == IssuanceBatches.Selection.CATEGORY && !errors.hasFieldErrors("category")) {
            List<Category> categories = programmes.categories(tenant.id(), programmeId);
            if (form.category() == null || categories.stream().noneMatch(c -> c.id().equals(form.category()))) {
                errors.rejectValue("category", "validation.choice");
            }
        }
        if (form.selection() == IssuanceBatches.Selection.POSTCODES) {
            postcodes = split(form.postcodes(), "[,;\\s]+");
            if (postcodes.isEmpty()) {
                errors.rejectValue("postcodes", "validation.required");
            } else if (postcodes.stream().anyMatch(p -> p.length() > 16) || postcodes.size() > MAX_NUMBERS) {
                errors.rejectValue("postcodes", "card.issuance.postcodes.invalid");
            }
        }
        if (form.selection() == IssuanceBatches.Selection.NUMBERS) {
            // Numbers may be typed with spaces inside ("K7Q M4X PAR"): one per line or separated by commas.
            List<String> typed = split(form.numbers(), "[,;\\r\\n]+");
            List<String> malformed = typed.stream().filter(t -> CardNumber.parse(t).isEmpty()).toList();
            if (typed.isEmpty()) {
                errors.rejectValue("numbers", "validation.required");
            } else if (typed.size() > MAX_NUMBERS) {
                errors.rejectValue("numbers", "card.issuance.numbers.tooMany", new Object[]{MAX_NUMBERS}, null);
            } else if (!malformed.isEmpty()) {
                errors.rejectValue("numbers", "card.issuance.numbers.malformed", new Object[]{shortList(malformed)}, null);
            } else {
                numbers = typed.stream().map(t -> CardNumber.parse(t).orElseThrow()).distinct().toList();
                List<CardNumber> unusable = batches.unusableNumbers(tenant.id(), programmeId, numbers);
                if (!unusable.isEmpty()) {
                    errors.rejectValue("numbers", "card.issuance.numbers.unknown",
                            new Object[]{shortList(unusable.stream().map(CardNumber::formatted).toList())}, null);
                }
            }
        }
        if (errors.hasErrors()) {
            return page(tenant, programmeId.toString(), model);
        }
        var request = new IssuanceBatches.Request(programmeId, form.selection(), form.category(), postcodes, numbers, form.layout());
        Optional<UUID> batch = batches.create(tenant.id(), request, me);
        if (batch.isEmpty()) {
            redirect.addFlashAttribute("alert", "card.issuance.nothingToPrint");
            return "redirect:" + tenant.path() + "/office/issuance?programme=" + programmeId;
        }
        redirect.addFlashAttribute("notice", "card.issuance.created");
        return "redirect:" + tenant.path() + "/office/issuance/batches/" + batch.get();
    }

    @GetMapping("/t/{slug}/office/issuance/batches/{id}")
    String batch(TenantContext tenant, @PathVariable UUID id,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        var batch = batches.find(tenant.id(), id).orElseThrow(UnknownCardException::new);
        model.addAttribute("batch", batch);
        model.addAttribute("programme", programmes.find(tenant.id(), batch.programmeId()).orElseThrow(UnknownCardException::new));
        return htmx != null ? "savings/issuance-batch :: progress" : "savings/issuance-batch";
    }

    @PostMapping("/t/{slug}/office/issuance/batches/{id}/retry")
    String retry(TenantContext tenant, @PathVariable UUID id, @AuthenticationPrincipal AccountPrincipal me,
                 RedirectAttributes redirect) {
        if (batches.retry(tenant.id(), id, me)) {
            redirect.addFlashAttribute("notice", "card.issuance.retried");
        } else {
            redirect.addFlashAttribute("alert", "card.issuance.notRetriable");
        }
        return "redirect:" + tenant.path() + "/office/issuance/batches/" + id;
    }

    @GetMapping("/t/{slug}/office/issuance/batches/{id}/cards.pdf")
    ResponseEntity<Resource> pdf(TenantContext tenant, @PathVariable UUID id) {
        return download(tenant, id, "pdf", MediaType.APPLICATION_PDF, "cards-" + id + ".pdf");
    }

    @GetMapping("/t/{slug}/office/issuance/batches/{id}/mail-merge.csv")
    ResponseEntity<Resource> csv(TenantContext tenant, @PathVariable UUID id) {
        return download(tenant, id, "csv", new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8),
                "mail-merge-" + id + ".csv");
    }

    private ResponseEntity<Resource> download(TenantContext tenant, UUID id, String kind, MediaType type, String name) {
        var file = batches.file(tenant.id(), id, kind).orElseThrow(UnknownCardException::new);
        // The files hold names and addresses: every download is a view of personal data.
        audit.record(tenant.id(), "card.issuance.downloaded", "issuance_batch", id, Map.of("file", kind));
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new FileSystemResource(file));
    }

    private static Optional<UUID> parse(String id) {
        return Uuids.parse(id);
    }

    private static List<String> split(String text, String separators) {
        if (text == null) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        Arrays.stream(text.split(separators)).map(String::strip).filter(s -> !s.isEmpty()).distinct().forEach(parts::add);
        return parts;
    }

    private static String shortList(List<String> values) {
        return values.size() <= 5 ? String.join(", ", values) : String.join(", ", values.subList(0, 5)) + ", …";
    }
}
