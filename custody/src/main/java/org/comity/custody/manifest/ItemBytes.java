package org.comity.custody.manifest;

import java.util.Optional;

/** Whether a package carries an item's bytes or only its hash (when the bytes are too large, or must not travel). */
public enum ItemBytes {
    INCLUDED("included"),
    HASH_ONLY("hash-only");

    private final String json;

    ItemBytes(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<ItemBytes> fromJson(String text) {
        for (ItemBytes b : values()) {
            if (b.json.equals(text)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
