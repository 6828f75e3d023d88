package org.comity.node.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The page language: chosen with {@code ?lang=xx} (the switcher), remembered in a cookie, otherwise
 * the browser's preference among the six, otherwise English.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

    private final LayoutAdvice layout;

    LocaleConfiguration(LayoutAdvice layout) {
        this.layout = layout;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("COMITY_LANG") {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, Languages.supported(locale) ? Locale.forLanguageTag(locale.getLanguage()) : Locale.ENGLISH);
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(request -> {
            for (var e = request.getLocales(); e.hasMoreElements(); ) {
                Locale candidate = e.nextElement();
                if (Languages.supported(candidate)) {
                    return Locale.forLanguageTag(candidate.getLanguage());
                }
            }
            return Locale.ENGLISH;
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/api/**");
        registry.addInterceptor(layout).excludePathPatterns("/api/**");
    }
}
