package org.comity.custody.manifest;

import java.time.Instant;
import org.comity.custody.event.Tool;
import org.comity.custody.json.FieldException;

/**
 * How an item was acquired: the tool and version, the examiner, the source (device, account,
 * provider), the method (logical extraction, provider production, disk image) and when.
 */
public record Acquisition(Tool tool, String examiner, String source, String method, Instant acquiredAt) {

    public Acquisition {
        if (tool == null || acquiredAt == null) {
            throw new FieldException("acquisition", "names the tool and the time");
        }
        Manifests.text("acquisition.examiner", examiner, 200);
        Manifests.text("acquisition.source", source, 500);
        Manifests.text("acquisition.method", method, 200);
        Manifests.millis("acquisition.acquiredAt", acquiredAt);
    }
}
