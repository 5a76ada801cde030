package eu.localeconomy.savings.terminal;

import eu.localeconomy.api.Problems;
import eu.localeconomy.savings.ledger.Counter;
import eu.localeconomy.savings.merchant.MerchantDevices;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Security of the counter API {@code /api/v1/savings/**}: a device credential ({@code Bearer lmd_…}) instead of an API
 * token, stateless, no CSRF (a browser sends nothing by itself that is accepted), 401 and 403 as problem JSON. Ahead of
 * the api module's chain on {@code /api/**}, which would not know device credentials.
 */
@Configuration(proxyBeanMethods = false)
class DeviceSecurityConfiguration {

    static final String DEVICE = "SAVINGS_DEVICE";

    @Bean
    @Order(0)
    SecurityFilterChain savingsCounterApi(HttpSecurity http, MerchantDevices devices, Problems problems) throws Exception {
        http.securityMatcher("/api/v1/savings/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(DEVICE))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new DeviceCredentialFilter(devices), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) ->
                                problems.write(request, response, HttpStatus.UNAUTHORIZED, "device-unauthenticated"))
                        .accessDeniedHandler((request, response, ex) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden")));
        return http.build();
    }

    /** The counter a device credential stands for: its merchant and itself, no cashier. */
    record DevicePrincipal(MerchantDevices.Device device) {

        Counter counter() {
            return new Counter(device.tenant(), device.merchantId(), device.id(), null);
        }
    }

    /** Reads {@code Authorization: Bearer lmd_…}; an unknown or revoked credential leaves the request anonymous (401). */
    static class DeviceCredentialFilter extends OncePerRequestFilter {

        private final MerchantDevices devices;

        DeviceCredentialFilter(MerchantDevices devices) {
            this.devices = devices;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String credential = header.substring(7).trim();
                if (credential.startsWith("lmd_") && credential.length() <= 200) {
                    devices.authenticate(credential).filter(d -> !d.revoked()).ifPresent(device -> {
                        var context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                                new DevicePrincipal(device), null, List.of(new SimpleGrantedAuthority(DEVICE))));
                        SecurityContextHolder.setContext(context);
                    });
                }
            }
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
