package org.comity.custody.pkg;

import java.io.Serial;
import java.util.Optional;

/**
 * A file that cannot be read as an evidence package, and why: nothing in it was checked. Whoever
 * handed it over should be asked for the package again; a package that can be read but whose
 * checks fail is reported by {@link PackageVerifier} instead.
 */
public final class PackageRejected extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why, in the terms the command-line tool reports. */
    public enum Reason {
        /** Not there, not a regular file, or not readable. */
        UNREADABLE,
        /** Not a ZIP file at all. */
        NOT_A_ZIP,
        /** A ZIP, but not laid out as the format requires (every header field is fixed by the format). */
        NOT_A_PACKAGE,
        /** An entry name that could escape the folder it is extracted to (zip slip) or is not a plain path. */
        UNSAFE_PATH,
        /** Two entries of the same name: two readers could take different ones. */
        DUPLICATE_ENTRY,
        /** An entry the format does not have, or the manifest does not list. */
        UNEXPECTED_ENTRY,
        /** An entry (or the package) larger than the format allows, or than the file holds. */
        TOO_LARGE,
        /** An entry whose bytes do not match their CRC-32: damaged in transit or storage. */
        DAMAGED,
        /** No manifest, or one that is not a version-2 manifest in canonical form. */
        BAD_MANIFEST,
        /** A manifest of another version of the format (such as version 1), which this reader does not read. */
        UNSUPPORTED_VERSION
    }

    private final Reason reason;
    private final String entry;

    public PackageRejected(Reason reason, String entry, String detail) {
        super(detail);
        this.reason = reason;
        this.entry = entry;
    }

    public Reason reason() {
        return reason;
    }

    /** The entry at fault, if the problem lies in one. */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }

    /** The reason in a sentence for a person: what is wrong and where. */
    public String describe() {
        return entry == null ? getMessage() : getMessage() + " (entry " + entry + ")";
    }
}
