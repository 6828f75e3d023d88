package org.comity.node.platform;

import java.util.List;

/**
 * What is wrong with one field: {@code field} is a path into the submitted document
 * ({@code dataSought[0].from}), {@code code} a stable identifier that the UI translates
 * ({@code field.<code>} in the message bundles), {@code message} the English text for API clients.
 */
public record FieldProblem(String field, String code, String message, List<String> args) {

    public FieldProblem {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static FieldProblem of(String field, String code, String message, Object... args) {
        return new FieldProblem(field, code, message, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }
}
