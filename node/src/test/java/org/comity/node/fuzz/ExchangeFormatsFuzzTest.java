package org.comity.node.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.comity.custody.envelope.Batches;
import org.comity.custody.envelope.EnvelopeRejected;
import org.comity.custody.envelope.Envelopes;
import org.comity.custody.envelope.Keyring;
import org.comity.custody.envelope.Message;
import org.comity.custody.envelope.PeerKeys;
import org.comity.custody.json.CanonicalJson;
import org.comity.custody.json.Json;
import org.comity.custody.json.JsonException;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustListRejected;
import org.comity.custody.trust.TrustLists;

/**
 * What a peer node or a directory sends, fed arbitrary bytes: as the whole envelope or trust list
 * (the outer layers), and as the content of a correctly signed and encrypted one (so the fuzzer
 * reaches the message and list parsers behind the cryptography). The outcome is an opened value or
 * a refusal with a reason, never another exception.
 */
class ExchangeFormatsFuzzTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final SigningKey PEER = SigningKey.generate();
    static final SigningKey DIRECTORY = SigningKey.generate();
    static final EncryptionKey OURS = EncryptionKey.generate();
    static final Keyring KEYRING = kid -> kid.equals(OURS.kid()) ? Optional.of(OURS.privateJwk()) : Optional.empty();
    static final PeerKeys PEERS = (kid, at) -> kid.equals(PEER.kid()) ? Optional.of(new PeerKeys.PeerKey("XA", PEER.publicJwk())) : Optional.empty();
    static final Envelopes.Policy POLICY = new Envelopes.Policy("XB", Duration.ofMinutes(5), Duration.ofHours(24));

    @FuzzTest(maxDuration = "20s")
    void envelopesOpenOrAreRefusedWithAReason(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        open(text);
        open(sealed(input));
    }

    /**
     * A batch: the input as the whole batch, as the plaintext of a batch encrypted to us (the list
     * behind the cryptography), and as the content of a signed message in a well-formed batch
     * beside a good one. The whole is refused with a reason, or every message has its outcome.
     */
    @FuzzTest(maxDuration = "20s")
    void batchesOpenOrAreRefusedWithAReason(byte[] input) {
        openBatch(new String(input, StandardCharsets.UTF_8), -1);
        openBatch(encrypted(input), -1);
        String good = EdDsaJws.sign(PEER, Envelopes.MESSAGE_TYPE, GOOD.canonicalBytes());
        String fuzzed = EdDsaJws.sign(PEER, Envelopes.MESSAGE_TYPE, input);
        openBatch(Batches.seal(List.of(fuzzed, good), OURS.publicJwk()), 2);
    }

    static final Message GOOD = new Message(java.util.UUID.fromString("0192f0a0-0000-7000-8000-000000000001"), "request.event",
            java.util.UUID.fromString("0192f0a0-0000-7000-8000-000000000002"), 1, "XA", "XB", NOW, java.util.Map.of("x", "y"));

    private static void openBatch(String batch, int expected) {
        List<Batches.Entry> entries;
        try {
            entries = Batches.open(batch, KEYRING, PEERS, POLICY, NOW);
        } catch (EnvelopeRejected refused) {
            assertThat(refused.reason()).isNotNull();
            assertThat(expected).as("a well-formed batch is not refused whole").isEqualTo(-1);
            return;
        }
        assertThat(entries).isNotEmpty().allMatch(e -> e.accepted() != (e.refused() != null));
        if (expected > 0) {
            assertThat(entries).hasSize(expected);
            assertThat(entries.getLast().opened().message()).isEqualTo(GOOD);
        }
    }

    private static String encrypted(byte[] plaintext) {
        return encrypted(new Payload(plaintext), Batches.BATCH_TYPE);
    }

    /** Encrypted to us, as a peer would, around anything. */
    private static String encrypted(Payload plaintext, com.nimbusds.jose.JOSEObjectType type) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM).keyID(OURS.kid())
                    .type(type).build(), plaintext);
            jwe.encrypt(new ECDHEncrypter(OURS.publicJwk()));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void trustListsOpenOrAreRefusedWithAReason(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (String candidate : List.of(text, signed(input))) {
            try {
                assertThat(TrustLists.open(candidate, List.of(DIRECTORY.publicJwk()), 0).serial()).isPositive();
            } catch (TrustListRejected refused) {
                assertThat(refused.reason()).isNotNull();
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void jsonParsesOrIsRefusedAndCanonicalFormIsStable(byte[] input) {
        Object value;
        try {
            value = Json.parse(new String(input, StandardCharsets.UTF_8), 100_000);
        } catch (JsonException refused) {
            return;
        }
        String canonical = CanonicalJson.write(value);
        assertThat(CanonicalJson.write(Json.parse(canonical, 1_000_000))).isEqualTo(canonical);
    }

    private static void open(String envelope) {
        try {
            assertThat(Envelopes.open(envelope, KEYRING, PEERS, POLICY, NOW).message()).isNotNull();
        } catch (EnvelopeRejected refused) {
            assertThat(refused.reason()).isNotNull();
        }
    }

    private static String sealed(byte[] content) {
        return encrypted(new Payload(EdDsaJws.sign(PEER, Envelopes.MESSAGE_TYPE, content)), Envelopes.ENVELOPE_TYPE);
    }

    private static String signed(byte[] content) {
        return EdDsaJws.sign(DIRECTORY, TrustLists.TYPE, content);
    }
}
