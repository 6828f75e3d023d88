package org.comity.custody.pkg;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.custody.manifest.EvidenceManifest;

/**
 * An evidence package as read, not yet verified: its parsed manifest and the manifest's exact bytes,
 * the other small files (signature, custody events, proofs, checkpoints, keys, export, read-me)
 * as bytes, and the size and SHA-256 of every entry that was hashed on the way.
 *
 * @param entries the entry names in the order they appear in the ZIP
 * @param digests the size and SHA-256 of each entry (empty for evidence when it was read without hashing)
 */
public record EvidencePackage(EvidenceManifest manifest, byte[] manifestBytes, Map<String, byte[]> files, Map<String, EntryDigest> digests,
        List<String> entries) {

    public EvidencePackage {
        manifestBytes = manifestBytes.clone();
        files = Collections.unmodifiableMap(files);
        digests = Collections.unmodifiableMap(digests);
        entries = List.copyOf(entries);
    }

    @Override
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    /** A small file's bytes (never evidence, which is streamed and not kept). */
    public Optional<byte[]> file(String name) {
        return Optional.ofNullable(files.get(name)).map(byte[]::clone);
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(files.get(name)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public Optional<EntryDigest> digest(String name) {
        return Optional.ofNullable(digests.get(name));
    }

    public boolean has(String name) {
        return entries.contains(name);
    }
}
