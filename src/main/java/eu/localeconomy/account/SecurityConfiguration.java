package eu.localeconomy.account;

import eu.localeconomy.shared.TenantPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.util.EnumSet;
import java.util.Set;

/**
 * Web security for pages: who may open which area of which tenant. A person only ever reaches the pages of their
 * own tenant and role; every rule that names {@code {slug}} also checks that the slug is the person's tenant.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'";

    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new Argon2PasswordEncoder(16, 32, 1, properties.argon2MemoryKib(), properties.argon2Iterations());
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, TenantLoginAuthenticationProvider provider,
                              LoginHandlers handlers) throws Exception {
        // An explicit manager without parent: the provider runs once per attempt (a parent would repeat failures).
        http.authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/login", "/error", "/favicon.ico", "/css/**", "/js/**", "/img/**",
                                "/webjars/**", "/vendor/**", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/dev/mailbox", "/dev/mailbox/**", "/language").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").access(localNetworkOr("ROLE_PLATFORM_ADMIN"))
                        .requestMatchers("/login/totp").hasAuthority(SecondFactor.PENDING)
                        .requestMatchers("/admin", "/admin/**", "/account", "/account/**").hasRole("PLATFORM_ADMIN")
                        .requestMatchers("/t/{slug}", "/t/{slug}/", "/t/{slug}/login", "/t/{slug}/theme.css",
                                "/t/{slug}/logo", "/t/{slug}/password/**", "/t/{slug}/invitation",
                                "/t/{slug}/invitation/**").permitAll()
                        // Savings programme: the public enrolment site and the QR links printed on cards.
                        .requestMatchers("/t/{slug}/enrol", "/t/{slug}/enrol/**", "/t/{slug}/c/**").permitAll()
                        // Savings programme: the public list of participating merchants and the online application.
                        .requestMatchers("/t/{slug}/merchants", "/t/{slug}/merchants/**").permitAll()
                        // Passwordless login: asking for a link and following it.
                        .requestMatchers("/t/{slug}/login/link", "/t/{slug}/login/link/**").permitAll()
                        // Stripe's webhooks (signed, verified on the raw body) and the opt-out link in reminders.
                        .requestMatchers("/webhooks/stripe").permitAll()
                        .requestMatchers("/t/{slug}/reminders/opt-out/**").permitAll()
                        .requestMatchers("/t/{slug}/office/staff/**", "/t/{slug}/office/staff",
                                "/t/{slug}/office/audit", "/t/{slug}/office/audit/**",
                                "/t/{slug}/office/api-tokens", "/t/{slug}/office/api-tokens/**",
                                "/t/{slug}/office/settings", "/t/{slug}/office/settings/**")
                        .access(tenantMember(EnumSet.of(Role.TENANT_ADMIN)))
                        // Savings programme set-up, register imports, card issuance and their jobs: administrators.
                        .requestMatchers("/t/{slug}/office/programmes", "/t/{slug}/office/programmes/**",
                                "/t/{slug}/office/registers", "/t/{slug}/office/registers/**",
                                "/t/{slug}/office/issuance", "/t/{slug}/office/issuance/**",
                                "/t/{slug}/office/jobs", "/t/{slug}/office/jobs/**")
                        .access(tenantMember(EnumSet.of(Role.TENANT_ADMIN)))
                        // Households and cards hold personal data: the helpdesk and administrators only.
                        .requestMatchers("/t/{slug}/office/households", "/t/{slug}/office/households/**",
                                "/t/{slug}/office/cards", "/t/{slug}/office/cards/**",
                                "/t/{slug}/office/erasure-requests", "/t/{slug}/office/erasure-requests/**")
                        .access(tenantMember(EnumSet.of(Role.TENANT_ADMIN, Role.HELPDESK)))
                        // Merchants and the ledger: administrators, finance and the helpdesk look; the controllers
                        // keep approvals and corrections to administrators and finance.
                        .requestMatchers("/t/{slug}/office/merchants", "/t/{slug}/office/merchants/**",
                                "/t/{slug}/office/ledger", "/t/{slug}/office/ledger/**")
                        .access(tenantMember(EnumSet.of(Role.TENANT_ADMIN, Role.FINANCE, Role.HELPDESK)))
                        // Membership campaigns: imports, custom fields, campaigns and terms of sale are set up by
                        // administrators; establishments, segments and professionals are seen by all staff (the
                        // controllers keep changes to administrators).
                        .requestMatchers("/t/{slug}/office/imports", "/t/{slug}/office/imports/**",
                                "/t/{slug}/office/custom-fields", "/t/{slug}/office/custom-fields/**",
                                "/t/{slug}/office/campaigns", "/t/{slug}/office/campaigns/**",
                                "/t/{slug}/office/terms", "/t/{slug}/office/terms/**")
                        .access(tenantMember(EnumSet.of(Role.TENANT_ADMIN)))
                        // Membership payments, invoices and mailings: settings by administrators; invoices and the
                        // accounting export by administrators and finance. Orders and the follow-up are seen by all
                        // staff (the controllers keep recording payments and refunds to administrators and finance).
                        .requestMatchers("/t/{slug}/office/payment-settings", "/t/{slug}/office/payment-settings/**",
                                "/t/{slug}/office/stripe", "/t/{slug}/office/stripe/**",
                                "/t/{slug}/office/invoice-settings", "/t/{slug}/office/invoice-settings/**",
                                "/t/{slug}/office/reminders", "/t/{slug}/office/reminders/**")
                        .access(tenantMember(EnumSet.of(Role.TENANT_ADMIN)))
                        .requestMatchers("/t/{slug}/office/invoices", "/t/{slug}/office/invoices/**",
                                "/t/{slug}/office/accounting", "/t/{slug}/office/accounting/**")
                        .access(tenantMember(EnumSet.of(Role.TENANT_ADMIN, Role.FINANCE)))
                        .requestMatchers("/t/{slug}/office", "/t/{slug}/office/**").access(tenantMember(Role.STAFF))
                        // The merchant app's manifest and service worker hold no data; browsers fetch manifests
                        // without cookies.
                        .requestMatchers("/t/{slug}/merchant/app.webmanifest", "/t/{slug}/merchant/sw.js").permitAll()
                        // The shop's profile, bank account, cashiers and devices: its owner.
                        .requestMatchers("/t/{slug}/merchant/shop", "/t/{slug}/merchant/shop/**")
                        .access(tenantMember(EnumSet.of(Role.MERCHANT_OWNER)))
                        .requestMatchers("/t/{slug}/merchant", "/t/{slug}/merchant/**")
                        .access(tenantMember(EnumSet.of(Role.MERCHANT_OWNER, Role.CASHIER)))
                        .requestMatchers("/t/{slug}/pro", "/t/{slug}/pro/**").access(tenantMember(EnumSet.of(Role.PROFESSIONAL)))
                        .requestMatchers("/t/{slug}/me", "/t/{slug}/me/**").access(tenantMember(EnumSet.of(Role.CITIZEN)))
                        .requestMatchers("/t/{slug}/account", "/t/{slug}/account/**")
                        .access(tenantMember(EnumSet.complementOf(EnumSet.of(Role.PLATFORM_ADMIN))))
                        .anyRequest().denyAll())
                .formLogin(form -> form
                        .loginPage("/login")
                        .loginProcessingUrl("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .authenticationDetailsSource(LoginHandlers::details)
                        .successHandler(handlers)
                        .failureHandler(handlers)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(handlers).permitAll())
                // Webhooks carry a provider's signature instead of a session, so no CSRF token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**"))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy("camera=(self), geolocation=(), microphone=()")));
        return http.build();
    }

    /** Allows a role set inside the tenant named by the {@code {slug}} path variable, and nowhere else. */
    static AuthorizationManager<RequestAuthorizationContext> tenantMember(Set<Role> roles) {
        return (authentication, context) -> {
            var auth = authentication.get();
            if (auth == null || !(auth.getPrincipal() instanceof AccountPrincipal principal)
                    || auth.getAuthorities().stream().anyMatch(a -> SecondFactor.PENDING.equals(a.getAuthority()))) {
                return new AuthorizationDecision(false);
            }
            String slug = context.getVariables().get("slug");
            return new AuthorizationDecision(slug != null && slug.equals(principal.tenantSlug())
                    && roles.contains(principal.role()));
        };
    }

    /** Metrics scrapers on the same host or private network, or a platform administrator. */
    static AuthorizationManager<RequestAuthorizationContext> localNetworkOr(String authority) {
        var networks = java.util.List.of(new IpAddressMatcher("127.0.0.0/8"), new IpAddressMatcher("::1"),
                new IpAddressMatcher("10.0.0.0/8"), new IpAddressMatcher("172.16.0.0/12"),
                new IpAddressMatcher("192.168.0.0/16"));
        return (authentication, context) -> {
            HttpServletRequest request = context.getRequest();
            boolean local = networks.stream().anyMatch(m -> m.matches(request));
            var auth = authentication.get();
            boolean admin = auth != null && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
            return new AuthorizationDecision(local || admin);
        };
    }

    static String loginPageFor(String path) {
        return TenantPaths.slugOf(path).map(slug -> "/t/" + slug + "/login").orElse("/login");
    }
}
