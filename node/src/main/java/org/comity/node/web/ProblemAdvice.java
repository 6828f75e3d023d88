package org.comity.node.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every refusal into something the caller can act on: RFC 9457 problem details on
 * {@code /api}, an error page elsewhere. Never a stack trace; unexpected failures are logged here
 * once, with an id the client can quote.
 */
@ControllerAdvice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private final MessageSource messages;
    private final org.comity.node.platform.ComityProperties properties;

    ProblemAdvice(MessageSource messages, org.comity.node.platform.ComityProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    @ExceptionHandler(ComityException.class)
    Object comity(ComityException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, e.status(), e.type(), e.getMessage(), e.fieldProblems());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest request, Locale locale) {
        Throwable cause = e.getCause();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimit.BodyTooLargeException) {
                return respond(request, locale, 413, "too-large", "JSON bodies are limited to " + BodySizeLimit.MAX_BYTES + " bytes.", List.of());
            }
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return respond(request, locale, 400, "unknown-field", "The body has a field this API does not know: " + field + ".",
                    List.of(FieldProblem.of(field, "unknown-field", "Remove this field; it is not part of the schema.")));
        }
        if (cause instanceof InvalidFormatException f) {
            String field = path(f);
            String expected = f.getTargetType() == null ? "another type" : describe(f.getTargetType());
            return respond(request, locale, 400, "wrong-type", "The field " + field + " has the wrong type or format.",
                    List.of(FieldProblem.of(field, "wrong-type", "Expected {0}.", expected)));
        }
        if (cause instanceof MismatchedInputException m && !path(m).isEmpty()) {
            String field = path(m);
            String expected = m.getTargetType() == null ? "another type" : describe(m.getTargetType());
            return respond(request, locale, 400, "wrong-type", "The field " + field + " has the wrong type.",
                    List.of(FieldProblem.of(field, "wrong-type", "Expected {0}.", expected)));
        }
        if (cause instanceof JacksonException j) {
            var location = j.getLocation();
            String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return respond(request, locale, 400, "malformed-json", "The body is not valid JSON" + where + ".", List.of());
        }
        return respond(request, locale, 400, "unreadable-body", "The request body is missing or unreadable.", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, Locale locale) {
        String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
        return respond(request, locale, e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class) ? 404 : 400,
                e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class) ? "not-found" : "wrong-type",
                "The parameter " + e.getName() + " must be " + expected + ".",
                List.of(FieldProblem.of(e.getName(), "wrong-type", "Expected {0}.", expected)));
    }

    /** A form field that cannot be read as its type (a date that does not exist, an unknown choice): 400 naming each field. */
    @ExceptionHandler(BindException.class)
    Object unbindable(BindException e, HttpServletRequest request, Locale locale) {
        List<FieldProblem> problems = e.getFieldErrors().stream()
                .map(f -> FieldProblem.of(f.getField(), "wrong-type", "This value cannot be read; check its format."))
                .distinct()
                .toList();
        return respond(request, locale, 400, "wrong-type", "The form has values this node cannot read: "
                + String.join(", ", problems.stream().map(FieldProblem::field).toList()) + ".", problems);
    }

    /** A form field addressing an entry past what a form may hold (an index beyond the binder's limit). */
    @ExceptionHandler(InvalidPropertyException.class)
    Object unknownProperty(InvalidPropertyException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 400, "bad-request", "The form has a field this page does not have or cannot hold: "
                + e.getPropertyName() + ".", List.of(FieldProblem.of(e.getPropertyName(), "unknown-field", "Remove this field.")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missingParameter(MissingServletRequestParameterException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 400, "missing-parameter", "The parameter " + e.getParameterName() + " is required.",
                List.of(FieldProblem.of(e.getParameterName(), "required", "This parameter is required.")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    Object missingHeader(MissingRequestHeaderException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 428, "precondition-required", "Send the " + e.getHeaderName()
                + " header with the version you read, so concurrent changes are not overwritten.", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object method(HttpRequestMethodNotSupportedException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 405, "method-not-allowed", "This address does not accept " + e.getMethod() + ".", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    Object mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 415, "unsupported-media-type", "Send the body as " + e.getSupportedMediaTypes() + ".", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    Object notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 406, "not-acceptable", "This resource is available as " + e.getSupportedMediaTypes() + ".", List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 413, "too-large", "The file is larger than this node accepts for attachments.", List.of());
    }

    @ExceptionHandler(MultipartException.class)
    Object multipart(MultipartException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 400, "bad-upload", "The upload is not a valid multipart form.", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object noResource(NoResourceFoundException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 404, "not-found", "Nothing is here.", List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object denied(AccessDeniedException e, HttpServletRequest request, Locale locale) {
        return respond(request, locale, 403, "forbidden", "Your roles do not allow this.", List.of());
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request, Locale locale) {
        String incident = java.util.UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected failure {} on {} {}", incident, request.getMethod(), request.getRequestURI(), e);
        return respond(request, locale, 500, "internal", "Something went wrong on this node (incident " + incident
                + "). Nothing was changed. Try again, and quote the incident to your administrator if it persists.", List.of());
    }

    private Object respond(HttpServletRequest request, Locale locale, int status, String type, String detail, List<FieldProblem> problems) {
        if (isApi(request)) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
            body.setType(URI.create("/problems/" + type));
            body.setInstance(URI.create(request.getRequestURI()));
            if (!problems.isEmpty()) {
                body.setProperty("errors", problems.stream()
                        .map(p -> Map.of("field", p.field(), "code", p.code(), "message", format(p.message(), p.args())))
                        .toList());
            }
            return ResponseEntity.status(status)
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .body(body);
        }
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.valueOf(status));
        page.addObject("page", LayoutAdvice.page(properties, locale, request));
        page.addObject("status", status);
        page.addObject("problemType", type);
        page.addObject("title", messages.getMessage("problem." + type, null, messages.getMessage("problem.generic", null, "Error", locale), locale));
        page.addObject("detail", status >= 500 ? detail : messages.getMessage("problem." + type + ".detail", null, detail, locale));
        page.addObject("fieldProblems", problems);
        return page;
    }

    static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        // /uploads: the browser's evidence upload endpoint, called by script, answers like the API.
        return uri.startsWith("/api/") || uri.startsWith("/federation/") || uri.equals("/uploads") || uri.startsWith("/uploads/");
    }

    private static String path(DatabindException e) {
        StringBuilder out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "Instant" -> "a time (ISO 8601, UTC)";
            case "Integer", "int", "Long", "long" -> "an integer";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "List", "Set" -> "an array";
            default -> "an object";
        };
    }

    static String format(String message, List<String> args) {
        return new java.text.MessageFormat(message.replace("'", "''"), Locale.ROOT).format(args.toArray());
    }
}
