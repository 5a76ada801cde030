package eu.localeconomy.savings.statement;

import eu.localeconomy.savings.ledger.LedgerTransactions;
import eu.localeconomy.savings.ledger.TransactionKind;
import eu.localeconomy.shared.UserId;
import org.springframework.validation.BindingResult;

import eu.localeconomy.shared.Uuids;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The statement's filters as typed (all text, checked here, so that nothing in the address bar can fail the page).
 * Dates are business dates, both inclusive.
 */
record StatementQuery(String from, String to, String kind, String device, String cashier, String page) {

    /** The kinds a merchant's transactions can have (conversions belong to no merchant). */
    static final List<TransactionKind> KINDS = List.of(TransactionKind.EARN, TransactionKind.REDEEM,
            TransactionKind.REVERSAL, TransactionKind.CORRECTION);

    int pageIndex() {
        try {
            int p = page == null ? 0 : Integer.parseInt(page.strip());
            return Math.min(Math.max(p, 0), 100_000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The ledger filter for this merchant; rejects (on {@code errors}) what does not parse or is not one of the
     * choices offered, so that a forged device or cashier id of another shop filters nothing in.
     */
    LedgerTransactions.Filter toFilter(UUID merchantId, Set<UUID> devices, Set<UUID> cashiers, BindingResult errors) {
        LocalDate fromDate = date(errors, "from", from);
        LocalDate toDate = date(errors, "to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            errors.rejectValue("to", "statement.filter.to.beforeFrom");
        }
        Set<TransactionKind> kinds = Set.of();
        if (present(kind)) {
            TransactionKind k = KINDS.stream().filter(x -> x.name().equals(kind.strip())).findFirst().orElse(null);
            if (k == null) {
                errors.rejectValue("kind", "validation.choice");
            } else {
                kinds = Set.of(k);
            }
        }
        UUID deviceId = choice(errors, "device", device, devices);
        UUID cashierId = choice(errors, "cashier", cashier, cashiers);
        return new LedgerTransactions.Filter(merchantId, null, fromDate, toDate, kinds, deviceId,
                cashierId == null ? null : new UserId(cashierId));
    }

    private static LocalDate date(BindingResult errors, String field, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.rejectValue(field, "statement.filter.date.invalid");
            return null;
        }
    }

    private static UUID choice(BindingResult errors, String field, String value, Set<UUID> allowed) {
        if (!present(value)) {
            return null;
        }
        // Not an id is refused below like an id of another shop.
        UUID id = Uuids.parse(value).orElse(null);
        if (id != null && allowed.contains(id)) {
            return id;
        }
        errors.rejectValue(field, "validation.choice");
        return null;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
