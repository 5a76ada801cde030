package eu.localeconomy.savings.register;

/**
 * A problem with one value of one row of a register file. {@code value} is as typed, except national register
 * numbers, masked to their last two digits; {@code reasonKey} is a message key, {@code reasonArgument} its argument.
 */
public record ImportError(int row, String column, String value, String reasonKey, String reasonArgument) {
}
