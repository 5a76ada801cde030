package eu.localeconomy.savings.ledger;

import java.util.Map;

/** A movement the ledger refused; nothing was written. {@link #details()} are safe to show (amounts, dates). */
public class LedgerException extends RuntimeException {

    private final LedgerProblem problem;
    private final Map<String, Object> details;

    public LedgerException(LedgerProblem problem, Map<String, Object> details) {
        super(problem.code());
        this.problem = problem;
        this.details = Map.copyOf(details);
    }

    public LedgerException(LedgerProblem problem) {
        this(problem, Map.of());
    }

    public LedgerProblem problem() {
        return problem;
    }

    public Map<String, Object> details() {
        return details;
    }
}
