package org.comity.node.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: language and direction, the node, who is signed in. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final ComityProperties properties;

    LayoutAdvice(ComityProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("page")
    Page page(Locale locale, HttpServletRequest request) {
        return page(properties, locale, request);
    }

    /** The layout's model, also for error pages that no controller method renders. */
    static Page page(ComityProperties properties, Locale locale, HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Actor me = authentication != null && authentication.getPrincipal() instanceof Actor a
                && authentication.getAuthorities().stream().anyMatch(g -> Actor.SIGNED_IN.equals(g.getAuthority())) ? a : null;
        String lang = Languages.supported(locale) ? locale.getLanguage() : "en";
        String query = request.getQueryString() == null ? "" : Arrays.stream(request.getQueryString().split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith("lang="))
                .collect(Collectors.joining("&"));
        String path = request.getRequestURI();
        String base = path + "?" + (query.isEmpty() ? "" : query + "&") + "lang=";
        return new Page(lang, Languages.rightToLeft(locale) ? "rtl" : "ltr", properties.node().id(), properties.node().name(),
                properties.demo(), me, Languages.ALL, path, base);
    }

    /**
     * @param switchBase the current address with {@code lang=} last, for the language switcher
     */
    public record Page(String lang, String dir, String nodeId, String nodeName, boolean demo, Actor me,
            List<Languages.Language> languages, String path, String switchBase) {}
}
