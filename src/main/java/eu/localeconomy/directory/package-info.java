/**
 * The directory of local businesses a tenant works with — here the tourism office's professionals and their
 * establishments. Owns the {@code directory_*} tables: establishments and their owner organisations (main and
 * secondary establishments), the tenant's custom fields, references to records of external tourism databases
 * (Tourinsoft, Apidae) with what two-way sync needs, membership seasons, and segments (saved searches over standard
 * and custom fields). Criteria are evaluated here, so segments, price rules and range assignment mean the same thing.
 * The savings programme's merchants are not yet in this directory (see docs/architecture.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory")
package eu.localeconomy.directory;
