package eu.localeconomy.savings.programme;

/** The municipal register a beneficiary category is drawn from. */
public enum Register {
    /** Population register: resident households, adults identified by national register number. */
    POPULATION,
    /** Second-home tax roll: taxed dwellings, owners identified by the tax assessment number. */
    SECOND_HOME
}
