package org.comity.node.request;

import java.util.List;
import java.util.UUID;

/**
 * A request as it leaves the requesting node: its id and reference (the same on both nodes), the
 * SUBMITTED event (which carries the document as submitted) and the files attached to it.
 */
public record Submission(UUID id, String reference, RequestEvent submitted, List<RemoteFile> files) {

    public Submission {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
