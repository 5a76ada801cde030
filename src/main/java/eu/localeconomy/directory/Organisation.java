package eu.localeconomy.directory;

/** The legal entity owning establishments; {@code siren} is null when unknown. */
public record Organisation(OrganisationId id, String legalName, String siren) {
}
