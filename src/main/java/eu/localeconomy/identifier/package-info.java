/**
 * Identifiers: self-validating value objects for the identifiers the platform must check. Owns no tables and
 * no beans; holds the validated identifiers: Belgian national register and BIS numbers, enterprise numbers,
 * structured communications (OGM/VCS), IBAN, ISO 11649 creditor references, SIREN, SIRET, French VAT numbers
 * and APE/NAF codes. Each type parses the usual printed forms and rejects bad input with an
 * {@link eu.localeconomy.identifier.InvalidIdentifierException} whose reason code is a stable message key.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identifiers", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package eu.localeconomy.identifier;
