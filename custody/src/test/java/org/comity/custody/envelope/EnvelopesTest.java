package org.comity.custody.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.custody.envelope.EnvelopeRejected.Reason;
import org.comity.custody.keys.SigningKey;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/**
 * Envelopes between two nodes, XA and XB, with a third, XC, that is trusted but is neither. Each
 * refusal names its reason; our envelopes open with jose4j, an independent JOSE implementation,
 * and jose4j's open with ours.
 */
class EnvelopesTest extends ThreeNodes {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    Message message(String from, String to, Instant sentAt) {
        return new Message(UUID.randomUUID(), "request.submitted", UUID.randomUUID(), 1, from, to, sentAt,
                Map.of("reference", "XA-2026-000001", "title", "Préservation — 保全 — حفظ", "urgent", true));
    }

    @Test
    void anEnvelopeOpensAtItsRecipientWithTheMessageAsSent() throws Exception {
        Message sent = message("XA", "XB", NOW.minusSeconds(2));
        String envelope = Envelopes.seal(sent, xaSign, xbEnc.publicJwk());
        Opened opened = Envelopes.open(envelope, xbKeys, trusted, xb, NOW);
        assertThat(opened.message()).isEqualTo(sent);
        assertThat(opened.signerKid()).isEqualTo(xaSign.kid());
        assertThat(opened.digest()).isEqualTo(Envelopes.digest(envelope)).hasSize(43);
        assertThat(envelope.split("\\.")).hasSize(5);
        assertThat(envelope).doesNotContain("XA-2026"); // confidential on the wire
    }

    @Test
    void jose4jOpensOurEnvelopeAndChecksOurSignature() throws Exception {
        Message sent = message("XA", "XB", NOW);
        String envelope = Envelopes.seal(sent, xaSign, xbEnc.publicJwk());

        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.ECDH_ES));
        jwe.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                ContentEncryptionAlgorithmIdentifiers.AES_256_GCM));
        jwe.setCompactSerialization(envelope);
        jwe.setKey(xbEnc.privateJwk().toECPrivateKey());
        String inner = jwe.getPayload();
        assertThat(jwe.getHeader("typ")).isEqualTo("comity-envelope+jwe");

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.EDDSA));
        jws.setCompactSerialization(inner);
        jws.setKey(PublicJsonWebKey.Factory.newPublicJwk(xaSign.publicJwk().toJSONString()).getPublicKey());
        assertThat(jws.verifySignature()).isTrue();
        assertThat(jws.getPayloadBytes()).isEqualTo(sent.canonicalBytes());
        assertThat(new String(jws.getPayloadBytes(), StandardCharsets.UTF_8)).startsWith("{\"conversation\":");
    }

    @Test
    void anEnvelopeMadeWithJose4jOpensWithOurs() throws Exception {
        Message sent = message("XA", "XB", NOW);
        String envelope = jose4jSealing(jose4jSigned(sent.canonicalBytes())).getCompactSerialization();
        assertThat(Envelopes.open(envelope, xbKeys, trusted, xb, NOW).message()).isEqualTo(sent);
    }

    @Test
    void aMessageWrittenByHandFromTheDocsAndSealedWithJose4jOpensWithOurs() throws Exception {
        // What another team writes from docs/formats/envelope.md alone, without our canonical JSON: members in
        // RFC 8785 order, no white space, the instant as "Instants" says, non-ASCII text as itself.
        String conversation = "01a22931-2c7a-7000-b1ef-b1928aab0168";
        String id = "01a22931-35a4-7000-ab29-d079a19cf3e4";
        String written = "{\"conversation\":\"" + conversation + "\",\"from\":\"XA\",\"id\":\"" + id + "\","
                + "\"payload\":{\"note\":\"Préservation — 保全\",\"urgent\":true},\"schema\":\"comity.message/1\","
                + "\"sentAt\":\"2026-11-23T11:59:30.250Z\",\"seq\":7,\"to\":\"XB\",\"type\":\"request.event\"}";
        String envelope = jose4jSealing(jose4jSigned(written.getBytes(StandardCharsets.UTF_8))).getCompactSerialization();
        Message opened = Envelopes.open(envelope, xbKeys, trusted, xb, NOW).message();
        assertThat(opened.id()).isEqualTo(UUID.fromString(id));
        assertThat(opened.seq()).isEqualTo(7);
        assertThat(opened.sentAt()).isEqualTo(Instant.parse("2026-11-23T11:59:30.250Z"));
        assertThat(opened.canonicalBytes()).isEqualTo(written.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aChangedEnvelopeIsRefusedAsTampered() {
        String envelope = Envelopes.seal(message("XA", "XB", NOW), xaSign, xbEnc.publicJwk());
        String[] parts = envelope.split("\\.");
        char c = parts[3].charAt(10);
        parts[3] = parts[3].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[3].substring(11);
        assertRefused(String.join(".", parts), Reason.TAMPERED);
        parts = envelope.split("\\.");
        parts[4] = parts[4].substring(0, 5) + (parts[4].charAt(5) == 'A' ? 'B' : 'A') + parts[4].substring(6);
        assertRefused(String.join(".", parts), Reason.TAMPERED);
    }

    @Test
    void aMessageSignedByAnUnknownOrRevokedKeyIsRefused() {
        SigningKey stranger = SigningKey.generate();
        Message m = message("XA", "XB", NOW);
        assertRefused(Envelopes.seal(m, stranger, xbEnc.publicJwk()), Reason.UNKNOWN_SIGNER);
        PeerKeys afterRevocation = (kid, at) -> kid.equals(xaSign.kid()) ? Optional.empty() : trusted.signingKey(kid, at);
        assertThatThrownBy(() -> Envelopes.open(Envelopes.seal(m, xaSign, xbEnc.publicJwk()), xbKeys, afterRevocation, xb, NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SIGNER));
    }

    @Test
    void aSignatureByAnotherKeyUnderATrustedKidIsRefused() {
        // A directory that maps every kid to XA's key: the impostor's signature does not match XA's key.
        SigningKey impostor = SigningKey.generate();
        PeerKeys confused = (kid, at) -> Optional.of(new PeerKeys.PeerKey("XA", xaSign.publicJwk()));
        assertThatThrownBy(() -> Envelopes.open(Envelopes.seal(message("XA", "XB", NOW), impostor, xbEnc.publicJwk()), xbKeys, confused, xb, NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void aTrustedNodeCannotSpeakForAnother() {
        assertRefused(Envelopes.seal(message("XA", "XB", NOW), xcSign, xbEnc.publicJwk()), Reason.FORGED_SENDER);
    }

    @Test
    void anEnvelopeForAnotherNodeIsRefused() {
        assertRefused(Envelopes.seal(message("XA", "XB", NOW), xaSign, xcEnc.publicJwk()), Reason.NOT_FOR_US);
        // Encrypted to us, but the signed message names XC: a message to XC re-encrypted to XB by someone.
        assertRefused(Envelopes.seal(message("XA", "XC", NOW), xaSign, xbEnc.publicJwk()), Reason.WRONG_RECIPIENT);
    }

    @Test
    void whatAnUnknownSenderWroteInAHeaderIsQuotedPrintableAndShort() throws Exception {
        JsonWebEncryption jwe = jose4jSealing(jose4jSigned(message("XA", "XB", NOW).canonicalBytes()));
        jwe.setKeyIdHeaderValue("k\n2026-11-29 INFO forged line " + "x".repeat(2_000));
        assertThatThrownBy(() -> Envelopes.open(jwe.getCompactSerialization(), xbKeys, trusted, xb, NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOR_US);
                    assertThat(e.detail()).contains("k\\u000a2026-11-29 INFO forged line").doesNotContain("\n")
                            .hasSize(EnvelopeRejected.MAX_DETAIL).endsWith("...");
                    assertThat(e.detail().chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
                    assertThat(e.getMessage()).doesNotContain("\n");
                    assertThat(e.signer()).isNull(); // nothing was verified
                });
    }

    @Test
    void aQuotedDetailIsCutBetweenCharactersWithinItsLimit() {
        String fits = "x".repeat(494) + "\n"; // 494 + the six characters of the escape: exactly the limit
        assertThat(EnvelopeRejected.printable(fits)).isEqualTo("x".repeat(494) + "\\u000a");
        assertThat(EnvelopeRejected.printable("x".repeat(500))).hasSize(500).doesNotEndWith("...");
        String cut = EnvelopeRejected.printable("x".repeat(495) + "\n" + "y");
        assertThat(cut).isEqualTo("x".repeat(495) + "...").hasSizeLessThanOrEqualTo(EnvelopeRejected.MAX_DETAIL);
        assertThat(EnvelopeRejected.printable("é".repeat(300))).hasSizeLessThanOrEqualTo(EnvelopeRejected.MAX_DETAIL).endsWith("\\u00e9...");
    }

    @Test
    void oldAndFutureMessagesAreRefusedWithinTheToleranceTheyAreNot() throws Exception {
        assertRefused(Envelopes.seal(message("XA", "XB", NOW.minus(Duration.ofHours(25))), xaSign, xbEnc.publicJwk()), Reason.STALE);
        assertRefused(Envelopes.seal(message("XA", "XB", NOW.plus(Duration.ofMinutes(6))), xaSign, xbEnc.publicJwk()), Reason.FROM_THE_FUTURE);
        Envelopes.open(Envelopes.seal(message("XA", "XB", NOW.plus(Duration.ofMinutes(4))), xaSign, xbEnc.publicJwk()), xbKeys, trusted, xb, NOW);
        Envelopes.open(Envelopes.seal(message("XA", "XB", NOW.minus(Duration.ofHours(23))), xaSign, xbEnc.publicJwk()), xbKeys, trusted, xb, NOW);
        // Refused after XA's signature verified: the refusal names XA, so the receiver lists it as a peer's, not a stranger's.
        assertThatThrownBy(() -> Envelopes.open(Envelopes.seal(message("XA", "XB", NOW.minus(Duration.ofHours(25))), xaSign, xbEnc.publicJwk()),
                xbKeys, trusted, xb, NOW)).isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.signer()).isEqualTo("XA"));
    }

    @Test
    void whatIsNotAnEnvelopeIsRefusedAsMalformed() {
        for (String junk : new String[] {"", "a.b.c.d.e", "not an envelope", "eyJhbGciOiJub25lIn0.e30.", "x".repeat(Envelopes.MAX_ENVELOPE_CHARS + 1)}) {
            assertThatThrownBy(() -> Envelopes.open(junk, xbKeys, trusted, xb, NOW))
                    .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.UNSUPPORTED));
        }
    }

    @Test
    void aSignedMessageThatIsNotCanonicalOrHasDuplicateKeysIsRefused() throws Exception {
        Message m = message("XA", "XB", NOW);
        String pretty = new String(m.canonicalBytes(), StandardCharsets.UTF_8).replace(",", ", ");
        assertRefused(sealRaw(pretty.getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED);
        String twice = new String(m.canonicalBytes(), StandardCharsets.UTF_8).replace("{\"conversation\"", "{\"to\":\"XB\",\"conversation\"");
        assertRefused(sealRaw(twice.getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED);
    }

    @Test
    void compressionAndOtherAlgorithmsAreRefused() throws Exception {
        Message m = message("XA", "XB", NOW);
        JsonWebEncryption jwe = jose4jSealing(jose4jSigned(m.canonicalBytes()));
        jwe.setCompressionAlgorithmHeaderParameter("DEF");
        assertRefused(jwe.getCompactSerialization(), Reason.UNSUPPORTED);
    }

    @Test
    void receiptsProveReceiptOfOneEnvelope() throws Exception {
        Message m = message("XA", "XB", NOW);
        String envelope = Envelopes.seal(m, xaSign, xbEnc.publicJwk());
        Opened opened = Envelopes.open(envelope, xbKeys, trusted, xb, NOW);
        String receipt = Receipts.sign(Receipt.of(opened, "XB", NOW), xbSign);
        Receipt checked = Receipts.verify(receipt, trusted, m.id(), Envelopes.digest(envelope), NOW);
        assertThat(checked.by()).isEqualTo("XB");
        assertThatThrownBy(() -> Receipts.verify(receipt, trusted, UUID.randomUUID(), opened.digest(), NOW)).isInstanceOf(EnvelopeRejected.class);
        String forged = Receipts.sign(Receipt.of(opened, "XB", NOW), xcSign);
        assertThatThrownBy(() -> Receipts.verify(forged, trusted, m.id(), opened.digest(), NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORGED_SENDER));
        assertThatThrownBy(() -> Receipts.verify(receipt.substring(0, receipt.length() - 3) + "AAA", trusted, m.id(), opened.digest(), NOW))
                .isInstanceOf(EnvelopeRejected.class);
    }

    private String sealRaw(byte[] payload) throws Exception {
        return jose4jSealing(jose4jSigned(payload)).getCompactSerialization();
    }

    /** {@code payload} signed by XA with jose4j, as another implementation would sign a message. */
    private String jose4jSigned(byte[] payload) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.EDDSA);
        jws.setKeyIdHeaderValue(xaSign.kid());
        jws.setHeader("typ", "comity-message+jws");
        jws.setPayloadBytes(payload);
        jws.setKey(PublicJsonWebKey.Factory.newPublicJwk(xaSign.toPrivateJson()).getPrivateKey());
        return jws.getCompactSerialization();
    }

    /** A jose4j JWE to XB around a signed message, ready to serialize (a test may change its header first). */
    private JsonWebEncryption jose4jSealing(String signed) throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.ECDH_ES);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKeyIdHeaderValue(xbEnc.kid());
        jwe.setHeader("typ", "comity-envelope+jwe");
        jwe.setContentTypeHeaderValue("comity-message+jws");
        jwe.setPayload(signed);
        jwe.setKey(xbEnc.publicJwk().toECPublicKey());
        return jwe;
    }

    private void assertRefused(String envelope, Reason reason) {
        assertThatThrownBy(() -> Envelopes.open(envelope, xbKeys, trusted, xb, NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
