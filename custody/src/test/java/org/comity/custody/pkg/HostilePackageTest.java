package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.comity.custody.keys.Sha256;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.PackageFile;
import org.comity.custody.pkg.PackageRejected.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not packages, or packages built to attack the reader, are refused with a reason and the entry, before anything is trusted. */
class HostilePackageTest {

    @TempDir
    Path dir;
    final Map<String, byte[]> entries;

    HostilePackageTest() throws Exception {
        entries = TamperTest.entries(new PackageFixture().write());
    }

    @Test
    void anEntryThatClimbsOutOfTheFolderIsRefusedAsZipSlip() throws Exception {
        refused(with("../../etc/cron.d/evil", "* * * * * root rm -rf /"), Reason.UNSAFE_PATH, "zip slip", "../../etc/cron.d/evil");
        refused(with("evidence/../../evil", "x"), Reason.UNSAFE_PATH, "zip slip", null);
        refused(with("/etc/passwd", "root::0:0"), Reason.UNSAFE_PATH, "not a plain relative path", "/etc/passwd");
        refused(with("evidence\\..\\evil", "x"), Reason.UNSAFE_PATH, "not a plain relative path", null);
        refused(with("C:/Windows/evil", "x"), Reason.UNSAFE_PATH, "not a plain relative path", null);
    }

    @Test
    void twoEntriesOfOneNameAreRefused() throws Exception {
        MemoryChannel out = new MemoryChannel();
        ZipWriter zip = new ZipWriter(out);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            zip.add(e.getKey(), e.getValue());
        }
        zip.add(PackageLayout.MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));
        zip.finish();
        refused(out.toByteArray(), Reason.DUPLICATE_ENTRY, "same name", PackageLayout.MANIFEST);
    }

    @Test
    void anEntryDeclaringMoreBytesThanTheFileHoldsIsRefusedBeforeAnythingIsRead() throws Exception {
        byte[] zip = TamperTest.zip(entries);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        long directory = b.getLong(zip.length - 98 + 48);
        int nameLength = Short.toUnsignedInt(b.getShort((int) directory + 28));
        int sizes = (int) directory + 46 + nameLength + 4;
        b.putLong(sizes, 1L << 40).putLong(sizes + 8, 1L << 40); // a terabyte, in a file of a few kilobytes

        refused(zip, Reason.TOO_LARGE, "more than the file holds", entries.keySet().iterator().next());
    }

    @Test
    void absurdEntryCountsAreRefused() throws Exception {
        byte[] zip = TamperTest.zip(entries);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(zip.length - 98 + 24, 50_000_000L).putLong(zip.length - 98 + 32, 50_000_000L);

        refused(zip, Reason.TOO_LARGE, "entries; the format allows 1 to 100000", null);
    }

    @Test
    void aPackageWithoutAManifestIsRefused() throws Exception {
        Map<String, byte[]> without = new LinkedHashMap<>(entries);
        without.remove(PackageLayout.MANIFEST);
        refused(TamperTest.zip(without), Reason.BAD_MANIFEST, "no manifest", PackageLayout.MANIFEST);
    }

    @Test
    void entriesTheFormatOrTheManifestDoesNotHaveAreRefused() throws Exception {
        refused(with("notes.txt", "hello"), Reason.UNEXPECTED_ENTRY, "the format has no entry of this name", "notes.txt");
        String smuggled = "evidence/3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b/payload.exe";
        refused(with(smuggled, "MZ"), Reason.UNEXPECTED_ENTRY, "the manifest does not list this entry", smuggled);
        refused(with("evidence/", ""), Reason.UNSAFE_PATH, "not a plain relative path", null);
    }

    @Test
    void aManifestOfAnotherSchemaOrFormIsRefused() throws Exception {
        String manifest = new String(entries.get(PackageLayout.MANIFEST), StandardCharsets.UTF_8);
        refused(with(PackageLayout.MANIFEST, manifest.replace("comity.evidence-manifest/2", "comity.evidence-manifest/3")), Reason.UNSUPPORTED_VERSION,
                "schema: must be comity.evidence-manifest/2", PackageLayout.MANIFEST);
        refused(with(PackageLayout.MANIFEST, manifest.replaceFirst("\\{", "{ ")), Reason.BAD_MANIFEST, "canonical form", PackageLayout.MANIFEST);
        refused(with(PackageLayout.MANIFEST, "[1,2,3]"), Reason.BAD_MANIFEST, "expected a JSON object", PackageLayout.MANIFEST);
    }

    @Test
    void aVersionOnePackageIsRefusedAsSuchAndTheSenderAskedForVersionTwo() throws Exception {
        // The manifest of a version-1 package: one producer's ledger and witnesses at the top, no ledgers list.
        String v1 = "{\"createdAt\":\"2026-11-05T09:15:00.250Z\",\"files\":[],\"id\":\"9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a\",\"items\":[],"
                + "\"producer\":{},\"request\":{},\"schema\":\"comity.evidence-manifest/1\",\"witnesses\":{\"keys\":[],\"quorum\":0}}";

        refused(with(PackageLayout.MANIFEST, v1), Reason.UNSUPPORTED_VERSION, "a version-1 package", PackageLayout.MANIFEST);
        refused(with(PackageLayout.MANIFEST, v1), Reason.UNSUPPORTED_VERSION, "ask the sender for the package in version 2", null);
    }

    @Test
    void aCheckpointNamedForATreeLargerThanTheFormatAllowsIsRefusedNotACrash() throws Exception {
        // Listed in the manifest (unsigned, but the checks would run on), so that only its name can stop it
        String name = "custody/checkpoints/0/9999999999999999999.checkpoint";
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        EvidenceManifest manifest = EvidenceManifest.parse(entries.get(PackageLayout.MANIFEST));
        List<PackageFile> files = new ArrayList<>(manifest.files());
        files.add(new PackageFile(name, content.length, Sha256.hex(content)));
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(name, content);
        changed.put(PackageLayout.MANIFEST, manifest.withFiles(files).canonicalBytes());

        refused(TamperTest.zip(changed), Reason.UNEXPECTED_ENTRY, "the format has no entry of this name", name);
    }

    @Test
    void aManifestThatIsItselfAnArchiveIsRefused() throws Exception {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(nested)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(entries.get(PackageLayout.MANIFEST));
        }
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(PackageLayout.MANIFEST, nested.toByteArray());
        refused(TamperTest.zip(changed), Reason.BAD_MANIFEST, "itself an archive", PackageLayout.MANIFEST);
    }

    @Test
    void filesThatAreNotPackagesAreRefusedForWhatTheyAre() throws Exception {
        refused(new byte[0], Reason.NOT_A_ZIP, "too short", null);
        refused("Dear court, please find attached...".repeat(10).getBytes(StandardCharsets.UTF_8), Reason.NOT_A_ZIP, "not a ZIP file", null);
        ByteArrayOutputStream ordinary = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(ordinary)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        // The same files, zipped by another tool: readable ZIP, but not the layout whose every byte the format fixes.
        refused(ordinary.toByteArray(), Reason.NOT_A_PACKAGE, "a ZIP file, but not an evidence package", null);
        assertThatThrownBy(() -> EvidencePackageReader.read(dir.resolve("missing.zip"), p -> {})).isInstanceOfSatisfying(PackageRejected.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
        assertThatThrownBy(() -> EvidencePackageReader.read(dir, p -> {})).isInstanceOfSatisfying(PackageRejected.class,
                e -> assertThat(e.describe()).contains("is not a file"));
    }

    private byte[] with(String name, String content) throws Exception {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(name, content.getBytes(StandardCharsets.UTF_8));
        return TamperTest.zip(changed);
    }

    private void refused(byte[] zip, Reason reason, String message, String entry) throws Exception {
        Path file = Files.write(dir.resolve("hostile.zip"), zip);
        assertThatThrownBy(() -> EvidencePackageReader.read(file, p -> {})).isInstanceOfSatisfying(PackageRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
            if (entry != null) {
                assertThat(e.entry()).contains(entry);
            }
        });
    }
}
