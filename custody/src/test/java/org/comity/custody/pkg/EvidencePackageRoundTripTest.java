package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.comity.custody.keys.Sha256;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.ItemBytes;
import org.comity.custody.pkg.Check.Status;
import org.comity.custody.pkg.VerificationReport.Verdict;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package written by a node reads back and verifies offline, and standard tools read it too. */
class EvidencePackageRoundTripTest {

    @TempDir
    Path dir;
    final PackageFixture fixture = new PackageFixture();

    @Test
    void aPackageWrittenFromTwoNodesLedgersVerifiesIntact() throws Exception {
        Path file = fixture.write(dir);
        List<Progress> progress = new ArrayList<>();

        VerificationReport report = PackageVerifier.verify(file, TrustAnchors.none(), progress::add);

        assertThat(report.failures()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.INTACT);
        long xb1 = size(fixture.xb, 0);
        long xb2 = size(fixture.xb, 1);
        long xa1 = size(fixture.xa, 0);
        long xa2 = size(fixture.xa, 1);
        assertThat(report.checks()).extracting(Check::subject).contains("manifest signature", "package files", "keys", "custody events",
                "ledger inclusion", "ledger of XB, checkpoint " + xb1, "ledger of XB, checkpoint " + xb2, "ledger of XB, consistency " + xb1 + " to " + xb2,
                "ledger of XA, checkpoint " + xa1, "ledger of XA, checkpoint " + xa2, "ledger of XA, consistency " + xa1 + " to " + xa2,
                "custody of exhibit " + fixture.chatExhibit);
        assertThat(report.checks()).filteredOn(c -> c.subject().equals("ledger of XB, checkpoint " + xb2)).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("cosigned by xa.comity.example/comity/ledger", "xc.comity.example/comity/ledger", "2 of 2"));
        assertThat(report.checks()).filteredOn(c -> c.subject().equals("ledger inclusion")).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("all 16 custody events", "7 in node XB's, 9 in node XA's"));
        assertThat(report.checks()).filteredOn(c -> c.status() == Status.INFO).extracting(Check::subject)
                .contains("exhibit " + fixture.imageExhibit, "custody of exhibit " + fixture.imageExhibit);
        assertThat(progress.getLast().bytesDone()).isEqualTo(progress.getLast().bytesTotal()).isEqualTo(Files.size(file) - centralAndHeaders(file));
    }

    @Test
    void theReportTellsEachItemsStoryAcrossTheNodesItPassedThrough() throws Exception {
        VerificationReport report = PackageVerifier.verify(fixture.write(dir), TrustAnchors.none(), p -> {});

        ItemStory chat = report.items().getFirst();
        assertThat(chat.item().fileName()).isEqualTo("msgstore (copy).db");
        assertThat(chat.item().path()).contains("evidence/" + fixture.chatExhibit + "/msgstore__copy_.db");
        assertThat(chat.steps()).extracting(ItemStory.Step::action).containsExactly("acquire", "seal", "upload", "transfer", "receive", "verify",
                "access", "export");
        assertThat(chat.steps()).extracting(ItemStory.Step::node).containsExactly("XB", "XB", "XB", "XB", "XA", "XA", "XA", "XA");
        assertThat(chat.steps().subList(0, 4)).extracting(ItemStory.Step::ledgerIndex).isSorted();
        assertThat(chat.steps().getFirst().actor()).isEqualTo("Insp. Ana Ferreira");
        assertThat(chat.steps().getFirst().legalAuthority()).contains("Budapest Convention Art. 31, XA-2026-0412");
        assertThat(chat.handOvers()).singleElement().satisfies(h -> {
            assertThat(h.sent().action()).isEqualTo("transfer");
            assertThat(h.received().actor()).isEqualTo("Det. Jonas Weber");
            assertThat(h.received().ledger()).isEqualTo(fixture.xa.origin);
        });
        assertThat(report.checks()).filteredOn(c -> c.subject().equals("custody of exhibit " + fixture.chatExhibit)).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("8 events in the ledgers of nodes XB and XA, unbroken: acquired by Insp. Ana Ferreira",
                        "transferred by Insp. Ana Ferreira at node XB on", "received by Det. Jonas Weber (Aurelia Prosecutor's Office) at node XA",
                        "last exported at node XA"));
        assertThat(report.items().get(2).item().bytes()).isEqualTo(ItemBytes.HASH_ONLY);
        assertThat(report.checks()).filteredOn(c -> c.subject().equals("custody of exhibit " + fixture.imageExhibit) && c.status() == Status.INFO)
                .singleElement().satisfies(c -> assertThat(c.message()).startsWith("history before reception not included"));
    }

    @Test
    void theJdksZipReadersSeeTheSameEntriesAndBytes() throws Exception {
        Path file = fixture.write(dir);
        EvidencePackage read = EvidencePackageReader.read(file, p -> {});

        Map<String, byte[]> central = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    central.put(e.getName(), in.readAllBytes());
                }
            }
        }
        Map<String, byte[]> streamed = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                streamed.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(central.keySet()).containsExactlyElementsOf(read.entries()).containsExactlyElementsOf(streamed.keySet());
        for (String name : read.entries()) {
            assertThat(Sha256.hex(central.get(name))).as(name).isEqualTo(read.digest(name).orElseThrow().sha256());
            assertThat(streamed.get(name)).as(name).isEqualTo(central.get(name));
        }
        assertThat(central.get("evidence/" + fixture.chatExhibit + "/msgstore__copy_.db")).isEqualTo(fixture.chat);
    }

    @Test
    void anIndependentJoseLibraryVerifiesTheManifestSignature() throws Exception {
        EvidencePackage read = EvidencePackageReader.read(fixture.write(dir), p -> {});
        String compact = read.text(PackageLayout.SIGNATURE).orElseThrow();

        String key = read.text(PackageLayout.NODE_KEY).orElseThrow();

        JsonWebSignature jws = jose4j(compact, read.manifestBytes(), key);
        assertThat(compact).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("EdDSA");
        assertThat(jws.getHeader("typ")).isEqualTo("comity-manifest+jws");
        assertThat(jws.verifySignature()).isTrue();
        byte[] changed = (new String(read.manifestBytes(), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(jose4j(compact, changed, key).verifySignature()).isFalse();
    }

    private static JsonWebSignature jose4j(String compact, byte[] payload, String jwk) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(compact);
        jws.setEncodedPayload(Base64.getUrlEncoder().withoutPadding().encodeToString(payload));
        jws.setKey(JsonWebKey.Factory.newJwk(jwk).getKey());
        return jws;
    }

    @Test
    void theManifestListsEveryFileAndIsCanonical() throws Exception {
        EvidencePackage read = EvidencePackageReader.read(fixture.write(dir), p -> {});
        EvidenceManifest manifest = read.manifest();

        assertThat(read.manifestBytes()).isEqualTo(manifest.canonicalBytes());
        assertThat(manifest.files()).extracting(f -> f.path()).contains(PackageLayout.EVENTS, PackageLayout.CASE_UCO, PackageLayout.README,
                PackageLayout.NODE_KEY, "keys/0/ledger.vkey", "keys/0/witnesses.vkeys", "keys/1/ledger.vkey", "keys/1/witnesses.vkeys",
                "custody/checkpoints/0/" + size(fixture.xb, 0) + ".checkpoint", "custody/checkpoints/1/" + size(fixture.xa, 1) + ".checkpoint",
                "custody/checkpoints/0/" + size(fixture.xb, 0) + "-" + size(fixture.xb, 1) + ".consistency");
        assertThat(manifest.ledgers()).extracting(l -> l.node().id()).containsExactly("XB", "XA");
        assertThat(manifest.producerNode().id()).isEqualTo("XA");
        assertThat(manifest.items()).extracting(i -> i.custody().size()).containsExactly(8, 5, 3);
        assertThat(manifest.items().getFirst().custody()).extracting(e -> e.ledger()).containsExactly(fixture.xb.origin, fixture.xb.origin,
                fixture.xb.origin, fixture.xb.origin, fixture.xa.origin, fixture.xa.origin, fixture.xa.origin, fixture.xa.origin);
        // Every entry is the manifest, its signature, an item's bytes or a listed file: nothing else.
        assertThat(read.entries()).hasSize(2 + 2 + manifest.files().size());
        assertThat(read.text(PackageLayout.README).orElseThrow()).contains("comity verify package.zip", fixture.nodeKey.kid(),
                fixture.xb.signer.verifier().vkey(), fixture.xa.signer.verifier().vkey());
        // The custody record: XB's events then XA's, each ledger's in its order, one canonical line each.
        String events = read.text(PackageLayout.EVENTS).orElseThrow();
        assertThat(events.lines()).hasSize(16).allSatisfy(line -> assertThat(line).startsWith("{\"event\":{")
                .matches(".*,\"index\":[0-9]+,\"ledger\":\"x[ab]\\.comity\\.example/comity/ledger\"}"));
        assertThat(events.indexOf("\"ledger\":\"xa.")).isGreaterThan(events.lastIndexOf("\"ledger\":\"xb."));
    }

    @Test
    void writingTheSamePackageTwiceGivesTheSameBytes() throws Exception {
        byte[] first = fixture.write();
        byte[] second = fixture.write();
        // Ed25519 signatures are deterministic (RFC 8032), and the ZIP layout fixes every other byte.
        assertThat(second).isEqualTo(first);
    }

    @Test
    void itemsReadFromFilesThroughTheirChannelsGiveTheSameBytesAsStreams() throws Exception {
        var contents = fixture.contents();
        List<ItemSource> fromFiles = new ArrayList<>();
        for (ItemSource item : contents.items()) {
            if (item.bytes().isEmpty()) {
                fromFiles.add(item);
                continue;
            }
            Path file = dir.resolve(item.exhibit() + ".bin");
            try (InputStream in = item.bytes().get().open()) {
                Files.copy(in, file);
            }
            fromFiles.add(ItemSource.included(item.exhibit(), item.description(), item.fileName(), item.mediaType(), item.acquisition(),
                    ByteSource.ofFile(file)));
        }
        assertThat(fromFiles).anyMatch(i -> i.bytes().isPresent());
        Path written = dir.resolve("from-files.zip");
        EvidencePackageWriter.write(new PackageContents(contents.id(), contents.createdAt(), contents.producer(), contents.request(), fromFiles,
                contents.ledgers()), fixture.nodeKey, written, p -> {});

        assertThat(Files.readAllBytes(written)).isEqualTo(fixture.write());
    }

    @Test
    void aFileLargerThanTheWritersBufferIsCopiedWhole() throws Exception {
        var contents = fixture.contents();
        var items = new ArrayList<>(contents.items());
        ItemSource chat = items.getFirst();
        byte[] bytes = new byte[3 * (1 << 20) + 12_345];
        new java.util.Random(7).nextBytes(bytes);
        Path source = Files.write(dir.resolve("large.bin"), bytes);
        items.set(0, ItemSource.included(chat.exhibit(), chat.description(), chat.fileName(), chat.mediaType(), chat.acquisition(),
                ByteSource.ofFile(source)));
        Path file = dir.resolve("large-file.zip");
        EvidenceManifest manifest = EvidencePackageWriter.write(new PackageContents(contents.id(), contents.createdAt(), contents.producer(),
                contents.request(), items, contents.ledgers()), fixture.nodeKey, file, p -> {});

        assertThat(manifest.items().getFirst().sha256()).isEqualTo(Sha256.hex(bytes));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(org.comity.custody.manifest.ManifestItem.pathFor(chat.exhibit(), chat.fileName()));
            try (InputStream in = zip.getInputStream(entry)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes); // the JDK checks the entry's CRC-32 as it reads
            }
        }
    }

    @Test
    void aLargeItemStreamsThroughWithoutBeingHeldInMemory() throws Exception {
        long size = 64L * 1024 * 1024 + 17;
        var contents = fixture.contents();
        var items = new ArrayList<>(contents.items());
        ItemSource chat = items.getFirst();
        byte[] block = new byte[1 << 16];
        items.set(0, ItemSource.included(chat.exhibit(), chat.description(), chat.fileName(), chat.mediaType(), chat.acquisition(),
                () -> new RepeatingStream(block, size)));
        Path file = dir.resolve("large.zip");
        List<Progress> written = new ArrayList<>();
        EvidencePackageWriter.write(new PackageContents(contents.id(), contents.createdAt(), contents.producer(), contents.request(), items,
                contents.ledgers()), fixture.nodeKey, file, written::add);

        VerificationReport report = PackageVerifier.verify(file, TrustAnchors.none(), p -> {});

        assertThat(report.items().getFirst().item().size()).isEqualTo(size);
        assertThat(written.size()).isGreaterThan(8); // about every 8 MiB
        // The chain recorded the 3,000-byte original, so the verifier says the packaged bytes are not what the custody record last hashed.
        assertThat(report.failures()).singleElement().satisfies(c -> assertThat(c.message()).contains("not the one its custody record last recorded"));
    }

    private static long size(PackageFixture.NodeLedger ledger, int checkpoint) {
        return ledger.checkpoints.get(checkpoint).checkpoint().size();
    }

    @Test
    void eventsOfExhibitsThatAreNotInThePackageAreNotWritten() {
        PackageContents c = fixture.contents();
        List<PackageLedger> whole = List.of(new PackageLedger(c.ledgers().get(0).ledger(), fixture.xb.excerpt()), c.ledgers().get(1));
        List<ItemSource> noSubscriber = c.items().stream().filter(i -> !i.exhibit().equals(fixture.subscriberExhibit)).toList();

        assertThatThrownBy(() -> fixture.write(new PackageContents(c.id(), c.createdAt(), c.producer(), c.request(), noSubscriber, whole)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concerns exhibit " + fixture.subscriberExhibit)
                .hasMessageContaining("select");
    }

    /** The bytes the ZIP adds around the entries' contents: headers, directory and end records. */
    private static long centralAndHeaders(Path file) throws Exception {
        long content = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                content += e.getSize();
            }
        }
        return Files.size(file) - content;
    }

    /** {@code size} bytes of a repeated block, produced on demand. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] block;
        private long left;

        RepeatingStream(byte[] block, long size) {
            this.block = block;
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, block.length), left);
            System.arraycopy(block, 0, b, off, n);
            left -= n;
            return n;
        }
    }

    static byte[] readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
