package eu.localeconomy.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI platformApi() {
        return new OpenAPI()
                .info(new Info().title("Local economy platform API").version("v1")
                        .description("Machine access for one tenant, with an API token created by its administrator "
                                + "(back office → API tokens). Errors are RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes("token", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("lep_… token")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
