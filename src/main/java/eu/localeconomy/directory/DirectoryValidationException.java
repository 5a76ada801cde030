package eu.localeconomy.directory;

import java.util.List;

/**
 * Input the directory refuses, as (field key, message key, arguments) triples so that pages render them in the
 * user's language (the keys are in the directory bundle) and imports report them per record.
 */
public class DirectoryValidationException extends RuntimeException {

    /** One problem: {@code field} is a field key (e.g. {@code siret}, {@code custom.brochure_pages}). */
    public record Problem(String field, String messageKey, List<Object> args) {
        public Problem {
            args = args == null ? List.of() : List.copyOf(args);
        }

        public Problem(String field, String messageKey, Object... args) {
            this(field, messageKey, List.of(args));
        }

        public Object[] arguments() {
            return args.toArray();
        }
    }

    private final List<Problem> problems;

    public DirectoryValidationException(List<Problem> problems) {
        super("invalid directory input: " + problems.stream().map(p -> p.field() + " " + p.messageKey()).toList());
        this.problems = List.copyOf(problems);
    }

    public DirectoryValidationException(String field, String messageKey, Object... args) {
        this(List.of(new Problem(field, messageKey, args)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
