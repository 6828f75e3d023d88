package org.comity.custody.pkg;

import java.util.Optional;
import java.util.UUID;
import org.comity.custody.manifest.Acquisition;

/**
 * One item to put in a package: what it is and how it was acquired, and either its bytes (streamed
 * and hashed as they are written) or, for an item that will not travel, its size and SHA-256.
 */
public record ItemSource(UUID exhibit, String description, String fileName, String mediaType, Acquisition acquisition, Optional<ByteSource> bytes,
        long size, String sha256) {

    public static ItemSource included(UUID exhibit, String description, String fileName, String mediaType, Acquisition acquisition,
            ByteSource bytes) {
        return new ItemSource(exhibit, description, fileName, mediaType, acquisition, Optional.of(bytes), -1, "");
    }

    public static ItemSource hashOnly(UUID exhibit, String description, String fileName, String mediaType, Acquisition acquisition, long size,
            String sha256) {
        return new ItemSource(exhibit, description, fileName, mediaType, acquisition, Optional.empty(), size, sha256);
    }
}
