package eu.localeconomy.savings.programme;

/**
 * How residents prove they belong to the household of a card. The national register number needs an
 * authorisation of the Minister of the Interior; a tenant without one matches on the date of birth instead.
 */
public enum ResidentIdentifier {
    NATIONAL_REGISTER_NUMBER, BIRTH_DATE
}
