package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.comity.custody.event.CustodyFormatException;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.manifest.ManifestItem;
import org.junit.jupiter.api.Test;

/** The manifest is read strictly, and its errors name the field, item by item. */
class ManifestFormatTest {

    final String manifest;

    ManifestFormatTest() throws Exception {
        manifest = new String(EvidencePackageReader.read(new MemoryChannel(new PackageFixture().write()), p -> {}).manifestBytes(),
                StandardCharsets.UTF_8);
    }

    @Test
    void aManifestReadsBackToTheSameBytes() throws Exception {
        EvidenceManifest read = EvidenceManifest.parse(manifest.getBytes(StandardCharsets.UTF_8));

        assertThat(read.canonicalBytes()).isEqualTo(manifest.getBytes(StandardCharsets.UTF_8));
        assertThat(read.items()).hasSize(3);
        assertThat(read.ledgers()).extracting(l -> l.witnesses().quorum()).containsExactly(1, 1);
    }

    @Test
    void errorsNameTheFieldAndTheItem() {
        refused(manifest.replace("\"mediaType\":\"application/json\"", "\"mediaType\":\"JSON please\""), "items[1].mediaType", "media type");
        refused(manifest.replace("\"bytes\":\"hash-only\"", "\"bytes\":\"some\""), "items[2].bytes", "included or hash-only");
        refused(manifest.replace("msgstore__copy_.db\"", "../../../evil\""), "items[0].path", "must be evidence/");
        refused(manifest.replaceFirst("\"quorum\":1", "\"quorum\":3"), "ledgers[0].witnesses.quorum", "must not exceed");
        refused(manifest.replaceFirst("\"id\":\"XA\"", "\"id\":\"xa\""), "ledgers[1].node.id", "node id");
        refused(manifest.replace("\"kty\":\"OKP\"", "\"kty\":\"RSA\""), "producer.signingKey.kty", "Ed25519");
        refused(manifest.replace("\"createdAt\":", "\"expires\":1,\"createdAt\":"), "expires", "not a field of this format");
    }

    @Test
    void everyLedgerAnEventOrTheProducerNamesMustBeOneOfTheManifestsLedgers() {
        String xa = "xa.comity.example/comity/ledger";
        String xc = "xc.comity.example/comity/ledger";
        refused(manifest.replace("\"ledger\":\"" + xa + "\",\"signingKey\"", "\"ledger\":\"" + xc + "\",\"signingKey\""), "producer.ledger",
                "one of the manifest's ledgers");
        refused(manifest.replaceFirst("\"index\":([0-9]+),\"ledger\":\"" + xa + "\"", "\"index\":$1,\"ledger\":\"" + xc + "\""), "items",
                "which is not among the manifest's ledgers");
        // A ledger key that is not the key of the ledger's origin (a ledger key's name is its origin)
        refused(manifest.replaceFirst("\"origin\":\"xb\\.", "\"origin\":\"xz."), "ledgers[0].vkey", "must be the key of ledger xz.comity.example");
    }

    @Test
    void fileNamesBecomeSafePathsThatKeepTheirExtension() {
        UUID exhibit = UUID.fromString("3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b");
        assertThat(ManifestItem.pathFor(exhibit, "msgstore (copy).db")).endsWith("/msgstore__copy_.db");
        assertThat(ManifestItem.pathFor(exhibit, "../../etc/passwd")).endsWith("/_.._etc_passwd");
        assertThat(ManifestItem.pathFor(exhibit, "...")).endsWith("/file");
        assertThat(ManifestItem.pathFor(exhibit, "CON.txt")).endsWith("/_CON.txt");
        assertThat(ManifestItem.pathFor(exhibit, "صورة.jpg")).endsWith("/____.jpg");
        assertThat(ManifestItem.pathFor(exhibit, "x".repeat(300))).hasSize("evidence/".length() + 36 + 1 + 100);
    }

    private static void refused(String json, String field, String message) {
        assertThatThrownBy(() -> EvidenceManifest.parse(json.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(CustodyFormatException.class,
                e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
