package org.comity.custody.manifest;

import org.comity.custody.json.FieldException;

/** A file of the package other than the evidence and the manifest and its signature, pinned by size and SHA-256. */
public record PackageFile(String path, long size, String sha256) {

    public PackageFile {
        if (path == null || path.isEmpty() || path.length() > 300) {
            throw new FieldException("files.path", "must be a path in the package");
        }
        if (size < 0) {
            throw new FieldException("files.size", "must not be negative");
        }
        Manifests.sha256("files.sha256", sha256);
    }
}
