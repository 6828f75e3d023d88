package org.comity.node.knowledge;

import java.util.Locale;
import java.util.Optional;

/** The six UN languages the repository analyses: each has its own stemming and stop words. */
public enum SearchLanguage {
    AR, ZH, EN, FR, RU, ES;

    /** The ISO 639-1 code ("ar"). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SearchLanguage> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (SearchLanguage l : values()) {
            if (l.code().equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
