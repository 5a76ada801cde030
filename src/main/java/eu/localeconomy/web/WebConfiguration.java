package eu.localeconomy.web;

import eu.localeconomy.account.Accounts;
import eu.localeconomy.tenant.Tenants;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver(Tenants tenants, Accounts accounts) {
        return new PlatformLocaleResolver(tenants, accounts);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var switcher = new LocaleChangeInterceptor();
        switcher.setParamName("lang");
        switcher.setIgnoreInvalidLocale(true);
        registry.addInterceptor(switcher);
    }
}
