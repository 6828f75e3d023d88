package org.comity.custody.json;

import java.io.Serial;

/** Text that is not JSON, or JSON this library refuses (duplicate keys, too deep, too large). */
public final class JsonException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
        super(message);
    }
}
