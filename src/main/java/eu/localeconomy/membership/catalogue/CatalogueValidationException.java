package eu.localeconomy.membership.catalogue;

import java.util.List;

/** What is wrong with a catalogue change, field by field (message keys of the catalogue bundle with arguments). */
public class CatalogueValidationException extends RuntimeException {

    public record Problem(String field, String key, List<Object> arguments) {
        public Problem(String field, String key, Object... arguments) {
            this(field, key, List.of(arguments));
        }
    }

    private final List<Problem> problems;

    public CatalogueValidationException(List<Problem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.key()).toList().toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
