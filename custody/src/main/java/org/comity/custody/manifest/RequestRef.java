package org.comity.custody.manifest;

import java.util.UUID;
import org.comity.custody.json.FieldException;

/** The request a package answers: its id and reference, the instrument it relies on, and the two sides. */
public record RequestRef(UUID id, String reference, String instrument, AuthorityRef requesting, AuthorityRef requested) {

    public RequestRef {
        if (id == null || requesting == null || requested == null) {
            throw new FieldException("request", "names its id and both authorities");
        }
        Manifests.text("request.reference", reference, 200);
        Manifests.text("request.instrument", instrument, 300);
    }
}
