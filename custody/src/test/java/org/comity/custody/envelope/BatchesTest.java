package org.comity.custody.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.custody.envelope.EnvelopeRejected.Reason;
import org.comity.custody.keys.EdDsaJws;
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
 * Batches from XA to XB, with XC trusted but neither. A batch opens with jose4j and jose4j's with
 * ours; a refused message does not take the others down; the outer layer, a first message no
 * trusted node signed, and messages of two nodes refuse the batch.
 */
class BatchesTest extends ThreeNodes {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    Message message(String from, String to, Instant sentAt, long seq) {
        return new Message(UUID.randomUUID(), "request.event", UUID.randomUUID(), seq, from, to, sentAt,
                Map.of("request", "XA-2026-000001", "title", "Préservation — 保全 — حفظ"));
    }

    @Test
    void aBatchOpensMessageByMessageInItsOrderAndEachNamesItsSignedMessage() throws Exception {
        List<Message> sent = List.of(message("XA", "XB", NOW, 1), message("XA", "XB", NOW, 2), message("XA", "XB", NOW, 7));
        List<String> signed = sent.stream().map(m -> Envelopes.sign(m, xaSign)).toList();
        String batch = Batches.seal(signed, xbEnc.publicJwk());
        assertThat(batch.split("\\.")).hasSize(5);
        assertThat(batch).doesNotContain("XA-2026");

        List<Batches.Entry> entries = Batches.open(batch, xbKeys, trusted, xb, NOW);
        assertThat(entries).hasSize(3).allMatch(Batches.Entry::accepted);
        for (int i = 0; i < 3; i++) {
            Opened opened = entries.get(i).opened();
            assertThat(entries.get(i).index()).isEqualTo(i);
            assertThat(opened.message()).isEqualTo(sent.get(i));
            assertThat(opened.signedMessage()).isEqualTo(signed.get(i));
            assertThat(opened.digest()).isEqualTo(Envelopes.digest(signed.get(i)));
            assertThat(opened.subject()).isEqualTo(Receipt.Subject.SIGNED_MESSAGE);
        }
        // Ed25519 is deterministic: the same message signed again is the same bytes, so a resend in another batch is the same message.
        assertThat(Envelopes.sign(sent.get(0), xaSign)).isEqualTo(signed.get(0));
    }

    @Test
    void aRefusedMessageIsRefusedAloneWithItsReason() throws Exception {
        Message good = message("XA", "XB", NOW, 1);
        List<String> signed = List.of(
                Envelopes.sign(good, xaSign),
                Envelopes.sign(message("XA", "XB", NOW, 1), SigningKey.generate()),          // unknown signer (a key rotated since, say)
                Envelopes.sign(message("XC", "XB", NOW, 1), xaSign),                         // XA speaks for XC
                Envelopes.sign(message("XA", "XC", NOW, 1), xaSign),                         // addressed to XC
                Envelopes.sign(message("XA", "XB", NOW.minus(Duration.ofDays(2)), 1), xaSign), // outside the replay window
                Envelopes.sign(message("XA", "XB", NOW.plus(Duration.ofHours(1)), 1), xaSign), // from the future
                EdDsaJws.sign(xaSign, Envelopes.MESSAGE_TYPE, "{\"not\":\"a message\"}".getBytes(StandardCharsets.UTF_8)));
        List<Batches.Entry> entries = Batches.open(Batches.seal(signed, xbEnc.publicJwk()), xbKeys, trusted, xb, NOW);
        assertThat(entries.get(0).opened().message()).isEqualTo(good);
        assertThat(entries.subList(1, entries.size())).extracting(e -> e.refused().reason()).containsExactly(Reason.UNKNOWN_SIGNER,
                Reason.FORGED_SENDER, Reason.WRONG_RECIPIENT, Reason.STALE, Reason.FROM_THE_FUTURE, Reason.MALFORMED);
        assertThat(entries).extracting(Batches.Entry::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void aBatchWhoseFirstMessageNoTrustedNodeSignedOrThatMixesNodesIsRefusedWhole() throws Exception {
        String good = Envelopes.sign(message("XA", "XB", NOW, 2), xaSign);
        Map<String, Reason> forged = Map.of(
                Envelopes.sign(message("XA", "XB", NOW, 1), SigningKey.generate()), Reason.UNKNOWN_SIGNER,
                tamperedSignature(Envelopes.sign(message("XA", "XB", NOW, 1), xaSign)), Reason.BAD_SIGNATURE,
                "not-a-jws", Reason.MALFORMED);
        forged.forEach((first, reason) -> {
            // What follows is never looked at: a forger costs the receiver one signature check, not one per message.
            assertThatThrownBy(() -> Batches.open(Batches.seal(List.of(first, good, good), xbEnc.publicJwk()), xbKeys, trusted, xb, NOW))
                    .isInstanceOfSatisfying(EnvelopeRejected.class, e -> {
                        assertThat(e.reason()).isEqualTo(reason);
                        assertThat(e.detail()).startsWith("message 0 of the batch: ");
                    });
        });
        // After a good first message, a bad signature or what is not a signed message at all refuses the batch too: only a
        // key the receiver does not know (yet) is a verdict on the message alone, and it costs no signature check.
        for (Map.Entry<String, Reason> later : Map.of(tamperedSignature(Envelopes.sign(message("XA", "XB", NOW, 1), xaSign)), Reason.BAD_SIGNATURE,
                "not-a-jws", Reason.MALFORMED).entrySet()) {
            assertThatThrownBy(() -> Batches.open(Batches.seal(List.of(good, later.getKey(), good), xbEnc.publicJwk()), xbKeys, trusted, xb, NOW))
                    .isInstanceOfSatisfying(EnvelopeRejected.class, e -> {
                        assertThat(e.reason()).isEqualTo(later.getValue());
                        assertThat(e.detail()).startsWith("message 1 of the batch: ");
                    });
        }
        // Another trusted node's message, anywhere in the batch: one batch is one node's traffic.
        String fromXc = Envelopes.sign(message("XC", "XB", NOW, 1), xcSign);
        assertThatThrownBy(() -> Batches.open(Batches.seal(List.of(good, good, fromXc), xbEnc.publicJwk()), xbKeys, trusted, xb, NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.detail()).startsWith("message 2 of the batch: signed by node XC");
                });
    }

    @Test
    void theOuterLayerRefusesTheWholeBatch() throws Exception {
        String batch = Batches.seal(List.of(Envelopes.sign(message("XA", "XB", NOW, 1), xaSign)), xbEnc.publicJwk());
        String tampered = batch.substring(0, batch.length() - 30) + (batch.charAt(batch.length() - 30) == 'A' ? 'B' : 'A')
                + batch.substring(batch.length() - 29);
        assertRefused(tampered, Reason.TAMPERED);
        assertRefused(Batches.seal(List.of(Envelopes.sign(message("XA", "XB", NOW, 1), xaSign)), xcEnc.publicJwk()), Reason.NOT_FOR_US);
        // A single-message envelope is not a batch, nor the other way round.
        assertRefused(Envelopes.seal(message("XA", "XB", NOW, 1), xaSign, xbEnc.publicJwk()), Reason.UNSUPPORTED);
        assertThatThrownBy(() -> Envelopes.open(batch, xbKeys, trusted, xb, NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
        for (String junk : new String[] {"", "a.b.c.d.e", "not a batch", "x".repeat(Envelopes.MAX_ENVELOPE_CHARS + 1)}) {
            assertThatThrownBy(() -> Batches.open(junk, xbKeys, trusted, xb, NOW))
                    .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.UNSUPPORTED));
        }
    }

    @Test
    void aBatchIsOneToTwoHundredFiftySixSignedMessagesInCanonicalJsonAndNothingElse() throws Exception {
        String jws = Envelopes.sign(message("XA", "XB", NOW, 1), xaSign);
        assertRefused(rawBatch("{\"messages\":[],\"schema\":\"comity.batch/1\"}"), Reason.MALFORMED);
        assertRefused(rawBatch("{\"messages\":[\"" + jws + "\"],\"schema\":\"comity.batch/2\"}"), Reason.MALFORMED);
        assertRefused(rawBatch("{\"messages\":[\"" + jws + "\"],\"schema\":\"comity.batch/1\",\"x\":1}"), Reason.MALFORMED);
        assertRefused(rawBatch("{\"schema\":\"comity.batch/1\",\"messages\":[\"" + jws + "\"]}"), Reason.MALFORMED); // not canonical order
        assertRefused(rawBatch("{\"messages\":[1],\"schema\":\"comity.batch/1\"}"), Reason.MALFORMED);
        assertRefused(rawBatch("{\"messages\":[\"" + jws + "\"],\"messages\":[\"" + jws + "\"],\"schema\":\"comity.batch/1\"}"), Reason.MALFORMED);
        assertRefused(rawBatch("[\"" + jws + "\"]"), Reason.MALFORMED);
        String many = String.join(",", Collections.nCopies(Batches.MAX_MESSAGES + 1, "\"" + jws + "\""));
        assertRefused(rawBatch("{\"messages\":[" + many + "],\"schema\":\"comity.batch/1\"}"), Reason.MALFORMED);
        assertThatThrownBy(() -> Batches.seal(List.of(), xbEnc.publicJwk())).isInstanceOf(IllegalArgumentException.class);
        // The well-formed one, written by hand, opens.
        assertThat(Batches.open(rawBatch("{\"messages\":[\"" + jws + "\"],\"schema\":\"comity.batch/1\"}"), xbKeys, trusted, xb, NOW))
                .singleElement().satisfies(e -> assertThat(e.accepted()).isTrue());
    }

    @Test
    void jose4jOpensOurBatchAndVerifiesEachMessage() throws Exception {
        List<Message> sent = List.of(message("XA", "XB", NOW, 1), message("XA", "XB", NOW, 2));
        String batch = Batches.seal(sent.stream().map(m -> Envelopes.sign(m, xaSign)).toList(), xbEnc.publicJwk());
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.ECDH_ES));
        jwe.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                ContentEncryptionAlgorithmIdentifiers.AES_256_GCM));
        jwe.setCompactSerialization(batch);
        jwe.setKey(xbEnc.privateJwk().toECPrivateKey());
        assertThat(jwe.getHeader("typ")).isEqualTo("comity-batch+jwe");
        String plaintext = jwe.getPayload();
        assertThat(plaintext).startsWith("{\"messages\":[\"").endsWith("\"],\"schema\":\"comity.batch/1\"}");
        String[] messages = plaintext.substring("{\"messages\":[\"".length(), plaintext.length() - "\"],\"schema\":\"comity.batch/1\"}".length())
                .split("\",\"");
        assertThat(messages).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.EDDSA));
            jws.setCompactSerialization(messages[i]);
            jws.setKey(PublicJsonWebKey.Factory.newPublicJwk(xaSign.publicJwk().toJSONString()).getPublicKey());
            assertThat(jws.verifySignature()).isTrue();
            assertThat(jws.getPayloadBytes()).isEqualTo(sent.get(i).canonicalBytes());
        }
    }

    @Test
    void aBatchMadeWithJose4jOpensWithOurs() throws Exception {
        Message sent = message("XA", "XB", NOW, 1);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.EDDSA);
        jws.setKeyIdHeaderValue(xaSign.kid());
        jws.setHeader("typ", "comity-message+jws");
        jws.setPayloadBytes(sent.canonicalBytes());
        jws.setKey(PublicJsonWebKey.Factory.newPublicJwk(xaSign.toPrivateJson()).getPrivateKey());
        String batch = rawBatch("{\"messages\":[\"" + jws.getCompactSerialization() + "\"],\"schema\":\"comity.batch/1\"}");
        assertThat(Batches.open(batch, xbKeys, trusted, xb, NOW)).singleElement()
                .satisfies(e -> assertThat(e.opened().message()).isEqualTo(sent));
    }

    @Test
    void aMessageSignedAgainWithANewKeyIsTheSameMessageToItsReceiver() throws Exception {
        SigningKey retired = SigningKey.generate();
        Message m = message("XA", "XB", NOW.minus(Duration.ofHours(3)), 4);
        String old = Envelopes.sign(m, retired);
        String again = Envelopes.resign(old, xaSign);
        assertThat(Envelopes.signerKid(old)).isEqualTo(retired.kid());
        assertThat(Envelopes.signerKid(again)).isEqualTo(xaSign.kid());
        assertThat(Envelopes.signerKid("not-a-jws")).isNull();
        Opened opened = Batches.open(Batches.seal(List.of(again), xbEnc.publicJwk()), xbKeys, trusted, xb, NOW).getFirst().opened();
        assertThat(opened.message()).isEqualTo(m);
        assertThat(opened.message().canonicalBytes()).isEqualTo(m.canonicalBytes());
        assertThatThrownBy(() -> Envelopes.resign("not-a-jws", xaSign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReceiptForABatchedMessageNamesTheSignedMessageAndSaysSo() throws Exception {
        Message m = message("XA", "XB", NOW, 1);
        String signed = Envelopes.sign(m, xaSign);
        Opened opened = Batches.open(Batches.seal(List.of(signed), xbEnc.publicJwk()), xbKeys, trusted, xb, NOW).getFirst().opened();
        String receipt = Receipts.sign(Receipt.of(opened, "XB", NOW), xbSign);
        Receipt checked = Receipts.verify(receipt, trusted, m.id(), Envelopes.digest(signed), Receipt.Subject.SIGNED_MESSAGE, NOW);
        assertThat(checked.subject()).isEqualTo(Receipt.Subject.SIGNED_MESSAGE);
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(receipt.split("\\.")[1]), StandardCharsets.UTF_8))
                .contains("\"schema\":\"comity.receipt/2\"");
        assertThatThrownBy(() -> Receipts.verify(receipt, trusted, m.id(), Envelopes.digest(signed), Receipt.Subject.ENVELOPE, NOW))
                .isInstanceOf(EnvelopeRejected.class);
        assertThatThrownBy(() -> Receipts.verify(receipt, trusted, m.id(), Envelopes.digest(signed + "x"), NOW))
                .isInstanceOf(EnvelopeRejected.class);
        // By the node the message went to, and no other trusted node.
        assertThat(Receipts.verify(receipt, trusted, m.id(), Envelopes.digest(signed), Receipt.Subject.SIGNED_MESSAGE, "XB", NOW).by())
                .isEqualTo("XB");
        assertThatThrownBy(() -> Receipts.verify(receipt, trusted, m.id(), Envelopes.digest(signed), Receipt.Subject.SIGNED_MESSAGE, "XC", NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORGED_SENDER));
        // The sender checks that the receipt names it as the message's sender.
        assertThat(Receipts.verify(receipt, trusted, m.id(), Envelopes.digest(signed), Receipt.Subject.SIGNED_MESSAGE, "XB", "XA", NOW).from())
                .isEqualTo("XA");
        assertThatThrownBy(() -> Receipts.verify(receipt, trusted, m.id(), Envelopes.digest(signed), Receipt.Subject.SIGNED_MESSAGE, "XB", "XC", NOW))
                .isInstanceOf(EnvelopeRejected.class).hasMessageContaining("came from");
    }

    private static String tamperedSignature(String jws) {
        char last = jws.charAt(jws.length() - 5);
        return jws.substring(0, jws.length() - 5) + (last == 'A' ? 'B' : 'A') + jws.substring(jws.length() - 4);
    }

    private String rawBatch(String plaintext) throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.ECDH_ES);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKeyIdHeaderValue(xbEnc.kid());
        jwe.setHeader("typ", "comity-batch+jwe");
        jwe.setContentTypeHeaderValue("json");
        jwe.setPlaintext(plaintext.getBytes(StandardCharsets.UTF_8));
        jwe.setKey(xbEnc.publicJwk().toECPublicKey());
        return jwe.getCompactSerialization();
    }

    private void assertRefused(String batch, Reason reason) {
        assertThatThrownBy(() -> Batches.open(batch, xbKeys, trusted, xb, NOW))
                .isInstanceOfSatisfying(EnvelopeRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
