package org.comity.node.request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Identifiers as people type them in a form, one a line: {@code type: value} (the type's name, any
 * case, spaces or hyphens for underscores), or a bare value whose shape says its type (e-mail, IP
 * address, URL, domain, telephone), otherwise {@code OTHER}. Shared by every form that edits a
 * request's identifiers, so a line means the same in the request form and in the writer.
 */
public final class IdentifierLines {

    private IdentifierLines() {}

    public static List<RequestDocument.Identifier> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<RequestDocument.Identifier> out = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            IdentifierType explicit = null;
            if (colon > 0) {
                String prefix = line.substring(0, colon).strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
                explicit = Arrays.stream(IdentifierType.values()).filter(t -> t.name().equals(prefix)).findFirst().orElse(null);
            }
            out.add(explicit != null ? new RequestDocument.Identifier(explicit, line.substring(colon + 1).strip())
                    : new RequestDocument.Identifier(recognise(line), line));
        }
        return out;
    }

    /** The lines {@link #parse} reads back to the same identifiers. */
    public static String format(List<RequestDocument.Identifier> identifiers) {
        return String.join("\n", identifiers.stream().map(i -> i.type().name().toLowerCase(Locale.ROOT) + ": " + i.value()).toList());
    }

    static IdentifierType recognise(String value) {
        for (IdentifierType t : List.of(IdentifierType.EMAIL, IdentifierType.IP_ADDRESS, IdentifierType.URL, IdentifierType.DOMAIN, IdentifierType.PHONE)) {
            if (RequestValidator.wellFormed(t, value)) {
                return t;
            }
        }
        return IdentifierType.OTHER;
    }
}
