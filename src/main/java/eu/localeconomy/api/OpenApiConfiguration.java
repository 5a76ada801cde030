package eu.localeconomy.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

import java.util.Map;

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

    /** Every operation can answer 400, 401 and 403 with a problem document; say so once rather than on each method. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            Map<String, Schema> schemas = ModelConverters.getInstance().read(ProblemDetail.class);
            schemas.forEach((name, schema) -> api.getComponents().addSchemas(name, schema));
            var problem = new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")));
            Map<String, String> errors = Map.of(
                    "400", "Invalid request; the problem's errors name each field",
                    "401", "Missing, unknown, revoked or expired token",
                    "403", "The token lacks the scope this operation needs");
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    errors.forEach((status, description) -> {
                        if (!operation.getResponses().containsKey(status)) {
                            operation.getResponses().addApiResponse(status,
                                    new ApiResponse().description(description).content(problem));
                        }
                    })));
        };
    }
}
