package eu.localeconomy.savings.terminal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The counter API authenticates devices, not API tokens: its own security scheme in the OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class CounterApiDocumentation {

    @Bean
    OpenApiCustomizer deviceSecurityScheme() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes("device", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").description("Device credential lmd_…, shown once when the shop's owner registers "
                            + "the device (merchant portal → devices); revoking the device stops it at once."));
        };
    }
}
