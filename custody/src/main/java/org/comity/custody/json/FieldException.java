package org.comity.custody.json;

import java.io.Serial;

/** A JSON value that has the wrong shape for its format, with the path of the field at fault ({@code items[2].sha256}). */
public final class FieldException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public FieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** What is wrong with the field, in words. */
    public String problem() {
        return problem;
    }

    /** The path of the field, as {@code name}, {@code parent.name} or {@code list[3].name}. */
    public String field() {
        return field;
    }
}
