package org.comity.custody.manifest;

import java.util.HashSet;
import java.util.List;
import org.comity.custody.checkpoint.Witness;
import org.comity.custody.json.FieldException;

/** The witnesses (other nodes) expected to cosign a ledger's checkpoints, and how many of them must. */
public record WitnessPolicy(List<Witness> witnesses, int quorum) {

    public WitnessPolicy {
        witnesses = List.copyOf(witnesses);
        if (quorum < 0 || quorum > witnesses.size()) {
            throw new FieldException("witnesses.quorum", "must be between 0 and the number of witnesses (" + witnesses.size() + ")");
        }
        if (new HashSet<>(witnesses.stream().map(Witness::vkey).toList()).size() != witnesses.size()
                || new HashSet<>(witnesses.stream().map(Witness::name).toList()).size() != witnesses.size()) {
            throw new FieldException("witnesses.keys", "names each witness once");
        }
    }

    public static WitnessPolicy none() {
        return new WitnessPolicy(List.of(), 0);
    }
}
