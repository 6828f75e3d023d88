package org.comity.node.knowledge;

import java.time.LocalDate;
import java.util.List;

/**
 * A state's participation in a treaty.
 *
 * @param inForceSince when the treaty entered into force for the state; may be null when unknown
 * @param partners for a bilateral treaty, the states (ISO codes) it binds the state to; empty otherwise
 */
public record TreatyParty(Treaty treaty, LocalDate inForceSince, List<String> partners) {

    public TreatyParty {
        partners = partners == null ? List.of() : List.copyOf(partners);
    }
}
