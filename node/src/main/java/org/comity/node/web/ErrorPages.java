package org.comity.node.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.comity.node.platform.ComityProperties;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors raised before any controller runs (security filters, the servlet container): problem
 * details on {@code /api}, the error page elsewhere. Never a stack trace or a container page.
 */
@Controller
class ErrorPages implements ErrorController {

    private final MessageSource messages;
    private final ComityProperties properties;

    ErrorPages(MessageSource messages, ComityProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, Locale locale) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        HttpStatus http = HttpStatus.resolve(status) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.valueOf(status);
        String type = switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "too-large";
            default -> status >= 500 ? "internal" : "bad-request";
        };
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && (path.startsWith("/api/") || path.startsWith("/federation/"))) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(http, http.getReasonPhrase());
            body.setType(URI.create("/problems/" + type));
            body.setInstance(URI.create(path));
            return ResponseEntity.status(http).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
        ModelAndView page = new ModelAndView("error");
        page.setStatus(http);
        page.addObject("page", LayoutAdvice.page(properties, locale, request));
        page.addObject("status", status);
        page.addObject("problemType", type);
        page.addObject("title", messages.getMessage("problem." + type, null, http.getReasonPhrase(), locale));
        page.addObject("detail", messages.getMessage("problem." + type + ".detail", null, http.getReasonPhrase(), locale));
        return page;
    }
}
