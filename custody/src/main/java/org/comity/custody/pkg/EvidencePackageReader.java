package org.comity.custody.pkg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.keys.Sha256;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.ManifestItem;
import org.comity.custody.manifest.PackageFile;
import org.comity.custody.pkg.PackageRejected.Reason;

/**
 * Reads an evidence package strictly and in one pass, in bounded memory: the ZIP layout the format
 * fixes, safe and unique entry names of the kinds the format has, sizes within its limits, every
 * entry's CRC-32, and a version-2 manifest in canonical form that lists every entry (a package of
 * another version is refused as such). Evidence is
 * hashed as it streams past and never held; the rest (a few MiB for most packages) is kept for the
 * verifier. Anything else is refused with {@link PackageRejected}, naming the entry.
 */
public final class EvidencePackageReader {

    private static final long PROGRESS_STEP = 8L << 20;

    private EvidencePackageReader() {}

    /** Reads and hashes the package at {@code file}, reporting progress on the bytes hashed. */
    public static EvidencePackage read(Path file, Consumer<Progress> progress) throws PackageRejected {
        try (SeekableByteChannel in = open(file)) {
            return read(in, progress, true);
        } catch (IOException e) {
            throw new PackageRejected(Reason.UNREADABLE, null, "the file could not be read: " + e.getMessage());
        }
    }

    /** Reads the package without hashing the evidence (its bytes are skipped): enough to list what it holds. */
    public static EvidencePackage readWithoutHashing(Path file) throws PackageRejected {
        try (SeekableByteChannel in = open(file)) {
            return read(in, p -> {}, false);
        } catch (IOException e) {
            throw new PackageRejected(Reason.UNREADABLE, null, "the file could not be read: " + e.getMessage());
        }
    }

    /** Reads and hashes a package from any seekable source, such as one held in memory. */
    public static EvidencePackage read(SeekableByteChannel in, Consumer<Progress> progress) throws PackageRejected {
        try {
            return read(in, progress, true);
        } catch (IOException e) {
            throw new PackageRejected(Reason.UNREADABLE, null, "the package could not be read: " + e.getMessage());
        }
    }

    private static SeekableByteChannel open(Path file) throws PackageRejected, IOException {
        if (!Files.exists(file)) {
            throw new PackageRejected(Reason.UNREADABLE, null, "there is no file " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new PackageRejected(Reason.UNREADABLE, null, file + " is not a file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new PackageRejected(Reason.UNREADABLE, null, "there is no file " + file);
        }
    }

    private static EvidencePackage read(SeekableByteChannel in, Consumer<Progress> progress, boolean hashEvidence)
            throws IOException, PackageRejected {
        List<ZipReader.Entry> entries = ZipReader.directory(in);
        long total = 0;
        long metadata = 0;
        for (ZipReader.Entry e : entries) {
            long max = PackageLayout.maxSize(e.name());
            if (max < 0) {
                throw new PackageRejected(Reason.UNEXPECTED_ENTRY, e.name(), "the format has no entry of this name");
            }
            if (e.size() > max) {
                throw new PackageRejected(Reason.TOO_LARGE, e.name(), "the entry holds " + e.size() + " bytes; the format allows at most " + max);
            }
            if (!PackageLayout.isEvidence(e.name())) {
                metadata += e.size();
            }
            total += e.size();
        }
        if (metadata > PackageLayout.MAX_METADATA_BYTES) {
            throw new PackageRejected(Reason.TOO_LARGE, null, "the package's files other than evidence hold " + metadata
                    + " bytes; the format allows at most " + PackageLayout.MAX_METADATA_BYTES);
        }
        long bytesTotal = total;
        Map<String, byte[]> files = new HashMap<>();
        Map<String, EntryDigest> digests = new HashMap<>();
        long done = 0;
        for (ZipReader.Entry e : entries) {
            boolean evidence = PackageLayout.isEvidence(e.name());
            if (evidence && !hashEvidence) {
                continue;
            }
            MessageDigest sha = Sha256.digest();
            byte[] kept = evidence ? null : new byte[(int) e.size()];
            long start = done;
            long[] at = {0, 0}; // bytes of this entry so far; bytes at the last report
            progress.accept(new Progress(done, total, e.name()));
            ZipReader.stream(in, e, (chunk, n) -> {
                sha.update(chunk, 0, n);
                if (kept != null) {
                    System.arraycopy(chunk, 0, kept, (int) at[0], n);
                }
                at[0] += n;
                if (at[0] - at[1] >= PROGRESS_STEP) {
                    progress.accept(new Progress(start + at[0], bytesTotal, e.name()));
                    at[1] = at[0];
                }
            });
            done += e.size();
            digests.put(e.name(), new EntryDigest(e.size(), Sha256.hex(sha)));
            if (kept != null) {
                files.put(e.name(), kept);
            }
        }
        progress.accept(new Progress(done, total, ""));
        EvidenceManifest manifest = manifest(files.get(PackageLayout.MANIFEST));
        requireListed(entries, manifest);
        return new EvidencePackage(manifest, files.get(PackageLayout.MANIFEST), files, digests, entries.stream().map(ZipReader.Entry::name).toList());
    }

    private static EvidenceManifest manifest(byte[] bytes) throws PackageRejected {
        if (bytes == null) {
            throw new PackageRejected(Reason.BAD_MANIFEST, PackageLayout.MANIFEST, "the package has no manifest");
        }
        if (bytes.length >= 2 && ((bytes[0] == 'P' && bytes[1] == 'K') || (bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b))) {
            throw new PackageRejected(Reason.BAD_MANIFEST, PackageLayout.MANIFEST, "the manifest is itself an archive, not JSON");
        }
        try {
            return EvidenceManifest.parse(bytes);
        } catch (CustodyFormatException e) {
            if (e.field().equals("schema")) {
                throw new PackageRejected(Reason.UNSUPPORTED_VERSION, PackageLayout.MANIFEST, "the manifest is not of the version this verifier reads: "
                        + e.getMessage());
            }
            throw new PackageRejected(Reason.BAD_MANIFEST, PackageLayout.MANIFEST, "the manifest is not a version-2 evidence manifest: " + e.getMessage());
        }
    }

    /** Every entry must be the manifest, its signature, an included item's bytes or a file the manifest lists. */
    private static void requireListed(List<ZipReader.Entry> entries, EvidenceManifest manifest) throws PackageRejected {
        Set<String> listed = new HashSet<>(List.of(PackageLayout.MANIFEST, PackageLayout.SIGNATURE));
        manifest.items().stream().flatMap(i -> i.path().stream()).forEach(listed::add);
        manifest.files().stream().map(PackageFile::path).forEach(listed::add);
        List<String> unlisted = new ArrayList<>();
        for (ZipReader.Entry e : entries) {
            if (!listed.contains(e.name())) {
                unlisted.add(e.name());
            }
        }
        if (!unlisted.isEmpty()) {
            throw new PackageRejected(Reason.UNEXPECTED_ENTRY, unlisted.getFirst(), "the manifest does not list this entry"
                    + (unlisted.size() > 1 ? " (nor " + (unlisted.size() - 1) + " other)" : ""));
        }
        for (ManifestItem item : manifest.items()) {
            // An evidence entry listed under the files would be hashed there and not as evidence: one place only.
            if (item.path().isPresent() && manifest.files().stream().anyMatch(f -> f.path().equals(item.path().get()))) {
                throw new PackageRejected(Reason.BAD_MANIFEST, PackageLayout.MANIFEST, "the manifest lists " + item.path().get() + " twice");
            }
        }
    }
}
