package org.comity.node.knowledge;

import java.util.List;

/**
 * One sentence of the advisor's explanation: a message key (translated on pages) with its
 * arguments, and the same sentence in English for the API and logs.
 */
public record Reason(String key, List<String> args, String text) {

    public Reason {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
