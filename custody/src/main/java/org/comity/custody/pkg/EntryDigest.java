package org.comity.custody.pkg;

/** The size and SHA-256 (hex) of one entry's bytes, computed while they streamed past. */
public record EntryDigest(long size, String sha256) {
}
