package org.comity.custody.event;

import java.io.Serial;

/**
 * A custody event or evidence manifest that breaks its format: not JSON, an unknown field, a wrong
 * type, a malformed hash, time or id, or bytes that are not the canonical form. Nothing it says may
 * be relied on.
 */
public final class CustodyFormatException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;

    public CustodyFormatException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
    }

    /** The path of the field at fault ({@code actor.name}, {@code items[2].sha256}); empty for the document as a whole. */
    public String field() {
        return field;
    }
}
