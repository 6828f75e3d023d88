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
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What every page's layout needs: language and direction, the node, who is signed in. Added once a
 * controller has chosen a view to render, so an API call, which renders none, does not pay for it
 * (a model attribute method ran on every call, about 4% of an API call's CPU).
 */
@Component
class LayoutAdvice implements HandlerInterceptor {

    private final ComityProperties properties;
    private final org.springframework.beans.factory.ObjectProvider<AdminAttention> attention;

    LayoutAdvice(ComityProperties properties, org.springframework.beans.factory.ObjectProvider<AdminAttention> attention) {
        this.properties = properties;
        this.attention = attention;
    }

    @Override
    public void postHandle(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Object handler, ModelAndView view) {
        if (view == null || view.wasCleared() || view.getModel().containsKey("page")) {
            return;
        }
        String name = view.getViewName();
        if (name != null && (name.startsWith("redirect:") || name.startsWith("forward:"))) {
            return;
        }
        Page page = page(properties, RequestContextUtils.getLocale(request), request);
        if (page.me() != null && page.me().has(org.comity.node.platform.Role.ADMIN)) {
            page = page.withAttention(attention.orderedStream().flatMap(a -> a.items().stream()).toList());
        }
        view.addObject("page", page);
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
                properties.demo(), me, Languages.ALL, path, base, List.of());
    }

    /**
     * @param switchBase the current address with {@code lang=} last, for the language switcher
     * @param attention for an administrator, what needs looking at now ({@link AdminAttention}); empty on error pages
     */
    public record Page(String lang, String dir, String nodeId, String nodeName, boolean demo, Actor me,
            List<Languages.Language> languages, String path, String switchBase, List<AdminAttention.Item> attention) {

        Page withAttention(List<AdminAttention.Item> items) {
            return new Page(lang, dir, nodeId, nodeName, demo, me, languages, path, switchBase, List.copyOf(items));
        }
    }
}
