package eu.localeconomy.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantContext;
import eu.localeconomy.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The tenants module's public API. */
@Service
public class Tenants {

    private final TenantRepository repository;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    // Every tenant page resolves its slug; a short cache keeps that off the database. Other nodes see edits
    // within the expiry.
    private final Cache<String, Optional<Tenant>> bySlug = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterWrite(Duration.ofSeconds(30)).build();
    // The counter API knows the tenant by id (from the device) and needs its zone and currency on every scan.
    private final Cache<TenantId, Optional<Tenant>> byId = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    Tenants(TenantRepository repository, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public Optional<TenantContext> findBySlug(String slug) {
        return findTenantBySlug(slug).map(Tenant::context);
    }

    public Optional<Tenant> findTenantBySlug(String slug) {
        if (slug == null || slug.length() > 63) {
            return Optional.empty();
        }
        return bySlug.get(slug, repository::findBySlug);
    }

    public Optional<Tenant> findById(TenantId id) {
        return byId.get(id, repository::findById);
    }

    public List<Tenant> all() {
        return repository.findAll();
    }

    public boolean slugTaken(String slug) {
        return repository.slugExists(slug);
    }

    /** Creates a tenant and announces it, so that its first administrator is invited. */
    @Transactional
    public Tenant create(NewTenant command) {
        var tenant = new Tenant(new TenantId(UUID.randomUUID()), command.slug(), command.name(), command.kind(),
                command.defaultLanguage(), ZoneId.of(command.timeZone()), "EUR", command.primaryColour().toLowerCase(),
                false, command.legal(), clock.instant());
        repository.insert(tenant, clock.instant());
        audit.record(tenant.id(), "tenant.created", "tenant", tenant.id(), Map.of("slug", tenant.slug(), "kind", tenant.kind()));
        if (command.administratorEmail() != null && !command.administratorEmail().isBlank()) {
            events.publishEvent(new TenantCreated(tenant.id(), tenant.slug(), command.administratorEmail().trim(),
                    tenant.defaultLanguage()));
        }
        bySlug.invalidate(tenant.slug());
        byId.invalidate(tenant.id());
        return tenant;
    }

    @Transactional
    public void updateSettings(TenantId id, String name, Language language, ZoneId zone, String colour,
                               Tenant.LegalIdentity legal) {
        repository.updateSettings(id, name, language, zone, colour.toLowerCase(), legal, clock.instant());
        audit.record(id, "tenant.settings.updated", "tenant", id, Map.of());
        bySlug.invalidateAll();
        byId.invalidateAll();
    }

    @Transactional
    public void updateLogo(TenantId id, byte[] logo, String mediaType) {
        repository.updateLogo(id, logo, mediaType, clock.instant());
        audit.record(id, "tenant.logo.updated", "tenant", id, Map.of("bytes", logo.length));
        bySlug.invalidateAll();
        byId.invalidateAll();
    }

    /** The logo (PNG or JPEG) for documents the platform prints, such as cards. */
    public Optional<byte[]> logoImage(TenantId id) {
        return repository.findLogo(id).map(TenantRepository.Logo::bytes);
    }

    Optional<TenantRepository.Logo> logo(TenantId id) {
        return repository.findLogo(id);
    }

    /** What a platform administrator provides to create a tenant. */
    public record NewTenant(String slug, String name, eu.localeconomy.shared.TenantKind kind, Language defaultLanguage,
                            String timeZone, String primaryColour, Tenant.LegalIdentity legal,
                            String administratorEmail) {
    }
}
