package eu.localeconomy.tenant;

import eu.localeconomy.shared.TenantContext;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Duration;

/** Per-tenant stylesheet variables and logo, public because every tenant page, even the login, shows them. */
@Controller
class TenantAssetController {

    private final Tenants tenants;

    TenantAssetController(Tenants tenants) {
        this.tenants = tenants;
    }

    @GetMapping(value = "/t/{slug}/theme.css", produces = "text/css")
    ResponseEntity<String> theme(TenantContext tenant) {
        String colour = tenant.primaryColour();
        String css = ":root{--brand:%s;--on-brand:%s;--brand-text:%s;}%n"
                .formatted(colour, BrandColours.textOn(colour), BrandColours.onWhite(colour));
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).contentType(new MediaType("text", "css")).body(css);
    }

    @GetMapping("/t/{slug}/logo")
    ResponseEntity<byte[]> logo(TenantContext tenant) {
        return tenants.logo(tenant.id())
                .map(logo -> ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                        .contentType(MediaType.parseMediaType(logo.mediaType())).body(logo.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
