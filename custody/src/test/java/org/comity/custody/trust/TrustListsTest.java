package org.comity.custody.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList.AuthorityEntry;
import org.comity.custody.trust.TrustList.Backup;
import org.comity.custody.trust.TrustList.ContactPoint;
import org.comity.custody.trust.TrustList.NodeEntry;
import org.comity.custody.trust.TrustList.NodeKey;
import org.comity.custody.trust.TrustList.StateEntry;
import org.comity.custody.trust.TrustListRejected.Reason;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/** A node accepts a trust list only when its directory signed it and its serial is newer; every rule of the format holds. */
class TrustListsTest {

    static final Instant T = Instant.parse("2026-11-23T00:00:00Z");
    final SigningKey directory = SigningKey.generate();
    final SigningKey xaSign = SigningKey.generate();
    final EncryptionKey xaEnc = EncryptionKey.generate();
    final UUID central = UUID.randomUUID();

    TrustList list(long serial) {
        return new TrustList(serial, T, T.plusSeconds(86_400), "Demo directory",
                List.of(new StateEntry("XA", "Aurelia", List.of("budapest-29", "budapest-31")), new StateEntry("XB", "Borealis", List.of("budapest-31"))),
                List.of(new NodeEntry("XA", "XA", "Aurelia", URI.create("http://127.0.0.1:8081"), List.of(
                        new NodeKey(xaSign.kid(), "sig", xaSign.publicJwk().toJSONObject(), T, null),
                        new NodeKey(xaEnc.kid(), "enc", xaEnc.publicJwk().toJSONObject(), T, T.plusSeconds(3600))))),
                List.of(new AuthorityEntry(central, "XA", "XA", "Ministry of Justice of Aurelia", "CENTRAL_AUTHORITY", List.of("en", "fr"), "mla@xa.example")),
                List.of(new ContactPoint(central, "24/7", List.of("en"), "+999 1 234", null, List.of(new Backup("Duty officer", "+999 1 235", null)))));
    }

    @Test
    void aListSignedByTheDirectoryOpensWithAllItHolds() throws Exception {
        TrustList opened = TrustLists.open(TrustLists.sign(list(3), directory), List.of(directory.publicJwk()), 2);
        assertThat(opened).isEqualTo(list(3));
        assertThat(opened.node("XA").orElseThrow().keys().get(1).validAt(T.plusSeconds(3599))).isTrue();
        assertThat(opened.node("XA").orElseThrow().keys().get(1).validAt(T.plusSeconds(3600))).isFalse();
    }

    @Test
    void jose4jVerifiesTheDirectorySignature() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.EDDSA));
        jws.setCompactSerialization(TrustLists.sign(list(1), directory));
        jws.setKey(PublicJsonWebKey.Factory.newPublicJwk(directory.publicJwk().toJSONString()).getPublicKey());
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getPayload()).contains("\"schema\":\"comity.trust-list/1\"");
    }

    @Test
    void anOlderOrEqualSerialIsRefused() {
        String signed = TrustLists.sign(list(3), directory);
        refused(() -> TrustLists.open(signed, List.of(directory.publicJwk()), 3), Reason.NOT_NEWER);
        refused(() -> TrustLists.open(signed, List.of(directory.publicJwk()), 7), Reason.NOT_NEWER);
    }

    @Test
    void aBadSignatureOrAnotherDirectoryIsRefused() {
        String signed = TrustLists.sign(list(3), directory);
        String[] parts = signed.split("\\.");
        String changed = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
        refused(() -> TrustLists.open(changed, List.of(directory.publicJwk()), 0), Reason.BAD_SIGNATURE);
        refused(() -> TrustLists.open(TrustLists.sign(list(3), SigningKey.generate()), List.of(directory.publicJwk()), 0), Reason.UNKNOWN_DIRECTORY_KEY);
        // The payload swapped for another edition under the same signature.
        String other = TrustLists.sign(list(4), directory).split("\\.")[1];
        refused(() -> TrustLists.open(parts[0] + "." + other + "." + parts[2], List.of(directory.publicJwk()), 0), Reason.BAD_SIGNATURE);
    }

    @Test
    void listsThatBreakTheFormatAreRefusedEvenWhenSigned() throws Exception {
        refused(() -> TrustLists.open(signRaw("{\"schema\":\"comity.trust-list/1\"}"), List.of(directory.publicJwk()), 0), Reason.INVALID);
        String good = new String(CanonicalBytes.of(list(1)), StandardCharsets.UTF_8);
        refused(() -> TrustLists.open(signRaw(good.replace("\"state\":\"XA\"", "\"state\":\"XZ\"")), List.of(directory.publicJwk()), 0), Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace("\"x\":\"", "\"d\":\"" + xaSign.publicJwk().getX() + "\",\"x\":\"")),
                List.of(directory.publicJwk()), 0), Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace("\"use\":\"sig\"", "\"use\":\"enc\"")), List.of(directory.publicJwk()), 0), Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace(xaSign.kid(), xaEnc.kid())), List.of(directory.publicJwk()), 0), Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace("http://127.0.0.1:8081", "file:///etc/passwd")), List.of(directory.publicJwk()), 0),
                Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace("{\"authorities\"", "{\"aaa\":1,\"authorities\"")), List.of(directory.publicJwk()), 0), Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace(",", ", ")), List.of(directory.publicJwk()), 0), Reason.MALFORMED);
        refused(() -> TrustLists.open(signRaw("not json"), List.of(directory.publicJwk()), 0), Reason.MALFORMED);
        refused(() -> TrustLists.open("garbage", List.of(directory.publicJwk()), 0), Reason.MALFORMED);
    }

    @Test
    void theDirectoryMayDesignateOneStatisticsNodeAndAListWithoutRolesStillOpens() throws Exception {
        TrustList plain = list(1);
        String plainJson = new String(CanonicalBytes.of(plain), StandardCharsets.UTF_8);
        assertThat(plainJson).doesNotContain("roles");
        assertThat(TrustLists.open(signRaw(plainJson), List.of(directory.publicJwk()), 0).statisticsNode()).isEmpty();

        TrustList designated = new TrustList(2, T, null, "Demo directory", plain.states(),
                List.of(plain.nodes().getFirst().withRoles(List.of(NodeEntry.STATISTICS))), plain.authorities(), plain.contacts());
        TrustList opened = TrustLists.open(TrustLists.sign(designated, directory), List.of(directory.publicJwk()), 1);
        assertThat(opened.statisticsNode()).map(NodeEntry::id).contains("XA");
        assertThat(opened).isEqualTo(designated);

        String good = new String(CanonicalBytes.of(designated), StandardCharsets.UTF_8);
        assertThat(good).contains("\"roles\":[\"statistics\"]");
        refused(() -> TrustLists.open(signRaw(good.replace("[\"statistics\"]", "[\"witness\"]")), List.of(directory.publicJwk()), 0), Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace("[\"statistics\"]", "[]")), List.of(directory.publicJwk()), 0), Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace("[\"statistics\"]", "[\"statistics\",\"statistics\"]")),
                List.of(directory.publicJwk()), 0), Reason.INVALID);
        refused(() -> TrustLists.open(signRaw(good.replace("[\"statistics\"]", "\"statistics\"")), List.of(directory.publicJwk()), 0), Reason.INVALID);
        // Two statistics nodes: which one would a node publish to?
        TrustList.NodeEntry xb = new NodeEntry("XB", "XB", "Borealis", URI.create("http://127.0.0.1:8082"), List.of(), null,
                List.of(NodeEntry.STATISTICS));
        TrustList two = new TrustList(3, T, null, "Demo directory", plain.states(), List.of(designated.nodes().getFirst(), xb),
                plain.authorities(), plain.contacts());
        refused(() -> TrustLists.open(TrustLists.sign(two, directory), List.of(directory.publicJwk()), 0), Reason.INVALID);
    }

    private String signRaw(String payload) {
        return EdDsaJws.sign(directory, TrustLists.TYPE, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TrustListRejected.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    /** The canonical payload of a list, to edit in tests. */
    static final class CanonicalBytes {
        static byte[] of(TrustList list) {
            return org.comity.custody.json.CanonicalJson.bytes(TrustLists.toJson(list));
        }
    }
}
