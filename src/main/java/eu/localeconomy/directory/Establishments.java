package eu.localeconomy.directory;

import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The directory's public API for establishments. Every method takes the tenant explicitly. */
@Service
public class Establishments {

    /** What an import did with one record. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Upserted(EstablishmentId id, Outcome outcome) {
    }

    public record Page(List<Establishment> items, int total, int page, int size) {
    }

    public Optional<Establishment> find(TenantId tenant, EstablishmentId id) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Every establishment of the tenant (archived ones excluded), with seasons and external refs, in name order. */
    public List<Establishment> all(TenantId tenant) {
        throw new UnsupportedOperationException("directory helper");
    }

    public List<Establishment> findAll(TenantId tenant, Collection<EstablishmentId> ids) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Free text over name, legal name, city, postcode, SIRET, e-mail, filtered by criteria, in name order. */
    public Page search(TenantId tenant, String text, Criterion criterion, int page, int size) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Establishments whose e-mail is this address (ignoring case): whom an invited professional acts for. */
    public List<Establishment> withEmail(TenantId tenant, String email) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Creates an establishment; validates identifiers and fields (DirectoryValidationException). Audited. */
    public EstablishmentId create(TenantId tenant, EstablishmentDetails details, Actor actor) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Updates if the version still matches (else StaleEstablishmentException). Audited. */
    public void update(TenantId tenant, EstablishmentId id, int expectedVersion, EstablishmentDetails details,
                       Actor actor) {
        throw new UnsupportedOperationException("directory helper");
    }

    /**
     * Import: creates the establishment of this external record or updates it. Only {@code fields} (standard keys
     * and {@code custom.<key>}) are overwritten on an update, so what the office keeps by hand survives a feed that
     * does not carry it. UNCHANGED when the content hash is the one last seen.
     */
    public Upserted upsert(TenantId tenant, ExternalRef ref, String contentHash, EstablishmentDetails details,
                           Set<String> fields, Actor actor) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Finds or creates the organisation of a SIREN (its legal name updated when given). */
    public OrganisationId organisation(TenantId tenant, String siren, String legalName) {
        throw new UnsupportedOperationException("directory helper");
    }

    /** Records that the establishment was a member this season (idempotent). */
    public void recordMembership(TenantId tenant, EstablishmentId id, int season, String source, Actor actor) {
        throw new UnsupportedOperationException("directory helper");
    }
}
