package eu.localeconomy.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points the application's Stripe client at the JVM's {@link StripeStub} (registered in
 * src/test/resources/META-INF/spring.factories, so every test context gets it and the context cache is not split)
 * and makes the stub a bean for the tests to inject.
 */
public class StripeStubInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        StripeStub stub = StripeStub.instance();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("stripeStub",
                Map.of("app.stripe.api-base", stub.baseUrl())));
        context.getBeanFactory().registerSingleton("stripeStub", stub);
    }
}
