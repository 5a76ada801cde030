package eu.localeconomy.savings.enrolment;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.identifier.InvalidIdentifierException;
import eu.localeconomy.identifier.NationalRegisterNumber;
import eu.localeconomy.savings.card.CardNumber;
import eu.localeconomy.savings.card.CardTokens;
import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.savings.programme.ResidentIdentifier;
import eu.localeconomy.savings.register.PersonalIdentifiers;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The public enrolment website: identify with the card (typed or scanned) or without it ("card not received"), give
 * an e-mail address and consent, follow the e-mailed link, choose a password or passwordless login.
 */
@Controller
class EnrolmentController {

    static final String IDENTIFIED = "savings.enrolment.identified";
    static final String QR_CARD = "savings.enrolment.qrCard";
    private static final int MAX_INPUT = 64;

    record IdentifyForm(String cardNumber, String identifier, String birthDate) {
    }

    record NotReceivedForm(String identifier, String birthDate, String lastName, String postcode) {
    }

    record DetailsForm(String email, String language, String consent) {
    }

    record VerifyForm(String token, String mode, String password, String confirmation) {
    }

    private final Programmes programmes;
    private final Identification identification;
    private final Enrolments enrolments;
    private final CardTokens cardTokens;
    private final Accounts accounts;
    private final EnrolmentProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    EnrolmentController(Programmes programmes, Identification identification, Enrolments enrolments,
                        CardTokens cardTokens, Accounts accounts, EnrolmentProperties properties, AuditLog audit,
                        Clock clock) {
        this.programmes = programmes;
        this.identification = identification;
        this.enrolments = enrolments;
        this.cardTokens = cardTokens;
        this.accounts = accounts;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- Identification with the card -------------------------------------------------------------------------

    @GetMapping("/t/{slug}/enrol")
    String enrol(TenantContext tenant, Model model) {
        model.addAttribute("form", new IdentifyForm("", "", ""));
        return page(tenant, model, "savings/citizen/enrol");
    }

    @GetMapping("/t/{slug}/c/{token}")
    String scanned(TenantContext tenant, @PathVariable String token, HttpSession session, Model model,
                   HttpServletResponse response) {
        Optional<CardNumber> number = cardTokens.verify(tenant.id(), token)
                .flatMap(cardId -> identification.numberOf(tenant.id(), cardId).map(n -> {
                    session.setAttribute(QR_CARD, cardId);
                    return n;
                }));
        if (number.isEmpty()) {
            audit.record(Actor.ANONYMOUS, tenant.id(), "enrolment.qr-rejected", null, null, Map.of());
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "savings/citizen/enrol-qr-invalid";
        }
        model.addAttribute("form", new IdentifyForm(number.get().formatted(), "", ""));
        model.addAttribute("fromQr", true);
        return page(tenant, model, "savings/citizen/enrol");
    }

    @PostMapping("/t/{slug}/enrol")
    String identify(TenantContext tenant, @ModelAttribute("form") IdentifyForm form, BindingResult errors,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Programme> programme = currentProgramme(tenant);
        if (programme.isEmpty()) {
            return page(tenant, model, "savings/citizen/enrol");
        }
        Optional<CardNumber> number = Optional.empty();
        // Came by QR code and cleared the pre-filled number: the verified card of the session still counts.
        if (blank(form.cardNumber()) && request.getSession(false) != null
                && request.getSession(false).getAttribute(QR_CARD) instanceof UUID scannedCard) {
            number = identification.numberOf(tenant.id(), scannedCard);
        }
        if (number.isEmpty()) {
            number = typedCardNumber(form.cardNumber(), errors);
        }
        Optional<Proof> proof = proof(programme.get().residentIdentifier(), form.identifier(), form.birthDate(), errors);
        if (errors.hasErrors() || number.isEmpty() || proof.isEmpty()) {
            return page(tenant, model, "savings/citizen/enrol");
        }
        Outcome outcome = identification.byCard(tenant, number.get(), proof.get(), request.getRemoteAddr());
        return answer(tenant, outcome, request, response, model, "savings/citizen/enrol");
    }

    // ---- Card not received ------------------------------------------------------------------------------------

    @GetMapping("/t/{slug}/enrol/not-received")
    String notReceived(TenantContext tenant, Model model) {
        model.addAttribute("form", new NotReceivedForm("", "", "", ""));
        return page(tenant, model, "savings/citizen/enrol-not-received");
    }

    @PostMapping("/t/{slug}/enrol/not-received")
    String identifyWithoutCard(TenantContext tenant, @ModelAttribute("form") NotReceivedForm form, BindingResult errors,
                               HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Programme> programme = currentProgramme(tenant);
        if (programme.isEmpty()) {
            return page(tenant, model, "savings/citizen/enrol-not-received");
        }
        Optional<Proof> proof = proof(programme.get().residentIdentifier(), form.identifier(), form.birthDate(), errors);
        if (blank(form.postcode())) {
            errors.rejectValue("postcode", "validation.required");
        } else if (form.postcode().length() > 16) {
            errors.rejectValue("postcode", "validation.tooLong");
        }
        boolean byBirthDate = proof.filter(p -> p instanceof Proof.BirthDate).isPresent();
        if (byBirthDate && blank(form.lastName())) {
            errors.rejectValue("lastName", "validation.required");
        } else if (form.lastName() != null && form.lastName().length() > 100) {
            errors.rejectValue("lastName", "validation.tooLong");
        }
        if (errors.hasErrors() || proof.isEmpty()) {
            return page(tenant, model, "savings/citizen/enrol-not-received");
        }
        Outcome outcome = identification.withoutCard(tenant, programme.get(), proof.get(), form.postcode(),
                form.lastName(), request.getRemoteAddr());
        return answer(tenant, outcome, request, response, model, "savings/citizen/enrol-not-received");
    }

    // ---- E-mail address and consent ---------------------------------------------------------------------------

    @GetMapping("/t/{slug}/enrol/details")
    String details(TenantContext tenant, HttpSession session, Model model) {
        Optional<Identified> who = identified(tenant, session);
        if (who.isEmpty()) {
            return "redirect:" + tenant.path() + "/enrol";
        }
        model.addAttribute("form", new DetailsForm("", currentLanguage(tenant).code(), null));
        return detailsPage(tenant, who.get(), model);
    }

    @PostMapping("/t/{slug}/enrol/details")
    String giveDetails(TenantContext tenant, @ModelAttribute("form") DetailsForm form, BindingResult errors,
                       HttpSession session, Model model) {
        Optional<Identified> who = identified(tenant, session);
        if (who.isEmpty()) {
            return "redirect:" + tenant.path() + "/enrol";
        }
        if (blank(form.email())) {
            errors.rejectValue("email", "validation.required");
        } else if (form.email().length() > 254) {
            errors.rejectValue("email", "validation.tooLong");
        } else if (!form.email().trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.rejectValue("email", "validation.email");
        }
        Optional<Language> language = Language.fromCode(form.language());
        if (language.isEmpty()) {
            errors.rejectValue("language", "validation.choice");
        }
        if (!"true".equals(form.consent())) {
            errors.rejectValue("consent", "enrol.error.consent");
        }
        if (errors.hasErrors()) {
            return detailsPage(tenant, who.get(), model);
        }
        boolean started = enrolments.start(tenant, who.get(), form.email(), language.get());
        session.removeAttribute(IDENTIFIED);
        if (!started) {
            model.addAttribute("outcome", "already");
            return "savings/citizen/enrol-outcome";
        }
        model.addAttribute("email", form.email().trim());
        model.addAttribute("validHours", properties.verificationValidity().toHours());
        return "savings/citizen/enrol-sent";
    }

    // ---- The e-mailed link --------------------------------------------------------------------------------------

    @GetMapping("/t/{slug}/enrol/verify")
    String verify(TenantContext tenant, @RequestParam(name = "token", required = false) String token, Model model,
                  HttpServletResponse response) {
        var pending = enrolments.pending(tenant.id(), token);
        if (pending.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "savings/citizen/enrol-link-invalid";
        }
        model.addAttribute("email", pending.get().email());
        model.addAttribute("form", new VerifyForm(token, "password", "", ""));
        return "savings/citizen/enrol-verify";
    }

    @PostMapping("/t/{slug}/enrol/verify")
    String activate(TenantContext tenant, @ModelAttribute("form") VerifyForm form, BindingResult errors,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        var pending = enrolments.pending(tenant.id(), form.token());
        if (pending.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "savings/citizen/enrol-link-invalid";
        }
        boolean withPassword = !"link".equals(form.mode());
        if (withPassword && !"password".equals(form.mode())) {
            errors.rejectValue("mode", "validation.choice");
        }
        if (withPassword) {
            accounts.checkNewPassword(form.password(), form.confirmation(), pending.get().email(), errors);
        }
        if (errors.hasErrors()) {
            model.addAttribute("email", pending.get().email());
            return "savings/citizen/enrol-verify";
        }
        Enrolments.Activation activation;
        try {
            activation = enrolments.activate(tenant, form.token(), withPassword ? form.password() : null);
        } catch (Enrolments.EmailTakenException e) {
            return "savings/citizen/enrol-email-taken";
        }
        if (!(activation instanceof Enrolments.Activation.Done done)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "savings/citizen/enrol-link-invalid";
        }
        if (!accounts.logIn(tenant, done.user(), "enrolment", request, response)) {
            return "redirect:" + tenant.path() + "/login";
        }
        return "redirect:" + tenant.path() + "/me";
    }

    // ---- Helpers --------------------------------------------------------------------------------------------------

    private String answer(TenantContext tenant, Outcome outcome, HttpServletRequest request,
                          HttpServletResponse response, Model model, String formView) {
        switch (outcome) {
            case Outcome.Matched matched -> {
                request.getSession().setAttribute(IDENTIFIED, matched.who());
                return "redirect:" + tenant.path() + "/enrol/details";
            }
            case Outcome.Mismatch ignored -> {
                model.addAttribute("alert", "enrol.mismatch");
                return page(tenant, model, formView);
            }
            case Outcome.TooManyAttempts ignored -> {
                response.setStatus(429);
                model.addAttribute("alert", "enrol.tooManyAttempts");
                return page(tenant, model, formView);
            }
            case Outcome.AlreadyActivated ignored -> model.addAttribute("outcome", "already");
            case Outcome.Blocked ignored -> model.addAttribute("outcome", "blocked");
            case Outcome.Excluded ignored -> model.addAttribute("outcome", "excluded");
            case Outcome.Closed closed -> {
                model.addAttribute("outcome", "closed");
                model.addAttribute("opensOn", closed.opensOn());
                model.addAttribute("closesOn", closed.closesOn());
            }
        }
        return "savings/citizen/enrol-outcome";
    }

    private static Optional<CardNumber> typedCardNumber(String typed, BindingResult errors) {
        if (blank(typed)) {
            errors.rejectValue("cardNumber", "validation.required");
            return Optional.empty();
        }
        if (typed.length() > MAX_INPUT) {
            errors.rejectValue("cardNumber", "validation.tooLong");
            return Optional.empty();
        }
        Optional<CardNumber> number = CardNumber.parse(typed);
        if (number.isEmpty()) {
            errors.rejectValue("cardNumber", "enrol.error.cardNumber");
        }
        return number;
    }

    /** The identifier's shape: a mistyped national register number is said so; it reveals nothing about cards. */
    private static Optional<Proof> proof(ResidentIdentifier mode, String identifier, String birthDate,
                                         BindingResult errors) {
        if (mode == ResidentIdentifier.BIRTH_DATE && !blank(birthDate)) {
            try {
                LocalDate date = LocalDate.parse(birthDate.trim());
                if (date.getYear() < 1900 || date.getYear() > 2100) {
                    throw new DateTimeParseException("out of range", birthDate, 0);
                }
                return Optional.of(new Proof.BirthDate(date));
            } catch (DateTimeParseException e) {
                errors.rejectValue("birthDate", "enrol.error.birthDate");
                return Optional.empty();
            }
        }
        if (blank(identifier)) {
            errors.rejectValue("identifier", mode == ResidentIdentifier.BIRTH_DATE
                    ? "enrol.error.birthDateOrTaxNumber" : "validation.required");
            return Optional.empty();
        }
        if (identifier.length() > MAX_INPUT) {
            errors.rejectValue("identifier", "validation.tooLong");
            return Optional.empty();
        }
        String compact = identifier.replaceAll("[\\s.\\-/]", "");
        if (mode == ResidentIdentifier.NATIONAL_REGISTER_NUMBER && compact.matches("\\d{11}")) {
            try {
                return Optional.of(new Proof.Nrn(NationalRegisterNumber.parse(compact)));
            } catch (InvalidIdentifierException e) {
                errors.rejectValue("identifier", "enrol.error.nrn");
                return Optional.empty();
            }
        }
        String normalised = PersonalIdentifiers.normaliseTaxNumber(identifier);
        if (normalised.length() < 4) {
            errors.rejectValue("identifier", "enrol.error.identifier");
            return Optional.empty();
        }
        return Optional.of(new Proof.TaxNumber(identifier));
    }

    private Optional<Identified> identified(TenantContext tenant, HttpSession session) {
        return Optional.ofNullable(session.getAttribute(IDENTIFIED))
                .filter(Identified.class::isInstance).map(Identified.class::cast)
                .filter(who -> who.tenantId().equals(tenant.id().value()))
                .filter(who -> who.at().plus(properties.identificationValidity()).isAfter(clock.instant()));
    }

    private String detailsPage(TenantContext tenant, Identified who, Model model) {
        Programme programme = programmes.find(tenant.id(), who.programmeId()).orElseThrow();
        Language language = currentLanguage(tenant);
        String privacy = programme.text("privacy", language);
        model.addAttribute("privacyText", privacy.isBlank() ? null : privacy);
        model.addAttribute("privacyVersion", programme.privacyNoticeVersion());
        model.addAttribute("languages", Language.CITIZEN_SCREENS);
        model.addAttribute("channel", who.channel().name());
        return "savings/citizen/enrol-details";
    }

    private String page(TenantContext tenant, Model model, String view) {
        Optional<Programme> programme = currentProgramme(tenant);
        Language language = currentLanguage(tenant);
        programme.ifPresent(p -> {
            model.addAttribute("programmeTitle", p.text("title", language));
            model.addAttribute("programmeIntro", p.text("intro", language));
            model.addAttribute("birthDateMode", p.residentIdentifier() == ResidentIdentifier.BIRTH_DATE);
            model.addAttribute("enrolmentOpen", p.enrolmentOpen(today(tenant)));
            model.addAttribute("opensOn", p.enrolmentOpensOn());
            model.addAttribute("closesOn", p.enrolmentClosesOn());
        });
        model.addAttribute("hasProgramme", programme.isPresent());
        return view;
    }

    private Optional<Programme> currentProgramme(TenantContext tenant) {
        return programmes.current(tenant.id(), today(tenant));
    }

    private LocalDate today(TenantContext tenant) {
        return tenant.today(clock);
    }

    private static Language currentLanguage(TenantContext tenant) {
        return Language.fromLocale(LocaleContextHolder.getLocale()).orElse(tenant.defaultLanguage());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
