package org.comity.node.directory;

import java.util.List;

/**
 * A state (or other party to an instrument) by its ISO 3166 code; XA-XZ are the demo's fictional states.
 *
 * @param instruments the ids of the instruments it is party to, as the trust list in force says;
 *     null while nothing has said (the node then does not judge)
 */
public record State(String code, String name, List<String> instruments) {

    public State {
        instruments = instruments == null ? null : List.copyOf(instruments);
    }

    public State(String code, String name) {
        this(code, name, null);
    }

    /** Whether the state is party to the instrument, as far as the directory knows (true when it does not know). */
    public boolean partyTo(String instrument) {
        return instruments == null || instruments.contains(instrument);
    }
}
