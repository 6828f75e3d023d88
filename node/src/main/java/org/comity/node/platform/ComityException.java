package org.comity.node.platform;

import java.util.List;

/**
 * A refusal the user can act on. The web layer turns it into RFC 9457 problem details (API) or a
 * message on the page (UI); {@code type} names the problem ({@code /problems/<type>}).
 */
public class ComityException extends RuntimeException {

    private final int status;
    private final String type;
    private final List<FieldProblem> fieldProblems;

    public ComityException(int status, String type, String message, List<FieldProblem> fieldProblems) {
        super(message);
        this.status = status;
        this.type = type;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public ComityException(int status, String type, String message) {
        this(status, type, message, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** Unknown, or not yours to see: the same answer, so existence is not disclosed. */
    public static ComityException notFound(String what) {
        return new ComityException(404, "not-found", what + " not found");
    }

    public static ComityException forbidden(String message) {
        return new ComityException(403, "forbidden", message);
    }

    /** Someone else changed it first: reload and try again. */
    public static ComityException staleVersion(int expected, int actual) {
        return new ComityException(409, "stale-version", "This was changed by someone else (you edited version "
                + expected + ", it is now at version " + actual + "). Reload it and apply your change again.");
    }

    public static ComityException invalid(String message, List<FieldProblem> problems) {
        return new ComityException(422, "validation", message, problems);
    }

    public static ComityException badRequest(String message) {
        return new ComityException(400, "bad-request", message);
    }

    public static ComityException conflict(String type, String message) {
        return new ComityException(409, type, message);
    }
}
