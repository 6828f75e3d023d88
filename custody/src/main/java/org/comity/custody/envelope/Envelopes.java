package org.comity.custody.envelope;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.comity.custody.envelope.EnvelopeRejected.Reason;
import org.comity.custody.keys.EdDsaJws;
import org.comity.custody.keys.SigningKey;

/**
 * Sealing and opening envelopes (docs/formats/envelope.md). Sealing signs the message's canonical
 * JSON with the sender's Ed25519 key (JWS, EdDSA) and encrypts that JWS to the recipient's P-256
 * key (JWE, ECDH-ES, A256GCM). Opening checks, in order: the outer form and algorithms, that the
 * envelope is for one of our keys, decryption (integrity), the inner form, the signer's key in the
 * trust list, the signature, the message's format and canonical form, that its sender is the
 * signer's node and its recipient us, and its time against the replay window and clock skew.
 * Duplicate message ids are the inbox's to detect.
 */
public final class Envelopes {

    public static final JOSEObjectType ENVELOPE_TYPE = new JOSEObjectType("comity-envelope+jwe");
    public static final JOSEObjectType MESSAGE_TYPE = new JOSEObjectType("comity-message+jws");
    /**
     * Envelopes carry requests and small attachments (up to 10 MB, which base64 twice over makes
     * about 24 million characters); large evidence travels as packages.
     */
    public static final int MAX_ENVELOPE_CHARS = 32 * 1024 * 1024;

    /**
     * P-256 key agreement (and the ephemeral key) through Bouncy Castle: about six times faster than
     * the JDK's SunEC on a node started with C1 only (docs/benchmarks.md). Not registered globally;
     * content encryption (AES-256-GCM) stays with the JDK.
     */
    private static final java.security.Provider KEY_AGREEMENT = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private Envelopes() {}

    /** The rules a receiving node applies: who it is, how far clocks may differ, how old a message may be. */
    public record Policy(String self, Duration clockSkew, Duration replayWindow) {}

    /** The signed message (layer 2): a compact JWS, EdDSA, over the message's canonical JSON. */
    public static String sign(Message message, SigningKey sender) {
        return EdDsaJws.sign(sender, MESSAGE_TYPE, message.canonicalBytes());
    }

    /** The id of the key a signed message (from {@link #sign}) names, or null when it is not a compact JWS. */
    public static String signerKid(String signed) {
        try {
            return JWSObject.parse(signed).getHeader().getKeyID();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A signed message signed again with another key: the same message bytes (its {@code sentAt}
     * too), so a receiver that has it already sees the same message. For a message whose key this
     * node retired before it was delivered.
     */
    public static String resign(String signed, SigningKey sender) {
        try {
            return EdDsaJws.sign(sender, MESSAGE_TYPE, JWSObject.parse(signed).getPayload().toBytes());
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a signed message", e);
        }
    }

    public static String seal(Message message, SigningKey sender, ECKey recipient) {
        return seal(sign(message, sender), recipient);
    }

    /** An envelope around a message signed before ({@link #sign}): what a node sends a peer that does not take batches. */
    public static String seal(String signed, ECKey recipient) {
        return encrypt(new Payload(signed), ENVELOPE_TYPE, MESSAGE_TYPE.getType(), recipient);
    }

    public static Opened open(String envelope, Keyring ours, PeerKeys peers, Policy policy, Instant now) throws EnvelopeRejected {
        Payload signed = decrypt(envelope, ENVELOPE_TYPE, "envelope", ours);
        return verify(signed.toString(), peers, policy, now, digest(envelope), Receipt.Subject.ENVELOPE);
    }

    /** The outer layer of an envelope or a batch ({@code type}): ECDH-ES to the recipient's P-256 key, A256GCM. */
    static String encrypt(Payload plaintext, JOSEObjectType type, String contentType, ECKey recipient) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                    .keyID(recipient.getKeyID()).type(type).contentType(contentType).build(), plaintext);
            ECDHEncrypter encrypter = new ECDHEncrypter(recipient.toPublicJWK());
            encrypter.getJCAContext().setKeyEncryptionProvider(KEY_AGREEMENT);
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * Opens the outer layer of an envelope or a batch ({@code type}, named {@code what} in
     * refusals): its form and size, the algorithms, that it is for one of our keys, decryption.
     */
    static Payload decrypt(String compact, JOSEObjectType type, String what, Keyring ours) throws EnvelopeRejected {
        String one = ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what;
        if (compact == null || compact.isEmpty() || compact.length() > MAX_ENVELOPE_CHARS) {
            throw new EnvelopeRejected(Reason.MALFORMED, one + " is a compact JWE of at most " + MAX_ENVELOPE_CHARS + " characters");
        }
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(compact);
        } catch (ParseException e) {
            throw new EnvelopeRejected(Reason.MALFORMED, "not a compact JWE");
        }
        JWEHeader outer = jwe.getHeader();
        if (!JWEAlgorithm.ECDH_ES.equals(outer.getAlgorithm()) || !EncryptionMethod.A256GCM.equals(outer.getEncryptionMethod())
                || outer.getCompressionAlgorithm() != null || outer.getCriticalParams() != null || !type.equals(outer.getType())) {
            throw new EnvelopeRejected(Reason.UNSUPPORTED, one + " is typ " + type + ", alg ECDH-ES, enc A256GCM, no zip, no crit");
        }
        ECKey key = Optional.ofNullable(outer.getKeyID()).flatMap(ours::decryptionKey)
                .orElseThrow(() -> new EnvelopeRejected(Reason.NOT_FOR_US, "encrypted to key " + outer.getKeyID() + ", which this node does not hold"));
        try {
            ECDHDecrypter decrypter = new ECDHDecrypter(key);
            decrypter.getJCAContext().setKeyEncryptionProvider(KEY_AGREEMENT);
            jwe.decrypt(decrypter);
        } catch (JOSEException | RuntimeException e) {
            throw new EnvelopeRejected(Reason.TAMPERED, "the " + what + " does not decrypt: it was changed, or not encrypted to this key");
        }
        return jwe.getPayload();
    }

    /**
     * The checks on a signed message, whether it came alone in an envelope or in a batch: its form,
     * the signer's key in the trust list, the signature ({@link #authenticate}), then the message,
     * sender, recipient and time ({@link #check}).
     */
    static Opened verify(String signed, PeerKeys peers, Policy policy, Instant now, String digest, Receipt.Subject subject)
            throws EnvelopeRejected {
        return check(authenticate(signed, peers, now), policy, now, digest, subject);
    }

    /** A signed message whose signature a trusted node's key verifies; nothing in it is checked yet. */
    record Authentic(String signed, JWSObject jws, PeerKeys.PeerKey signer) {}

    /** The first checks: a compact JWS of the message's shape, signed by a key a trusted node holds now, and the signature. */
    static Authentic authenticate(String signed, PeerKeys peers, Instant now) throws EnvelopeRejected {
        JWSObject jws;
        try {
            jws = JWSObject.parse(signed);
        } catch (ParseException e) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the envelope does not hold a compact JWS");
        }
        JWSHeader inner = jws.getHeader();
        if (!EdDsaJws.hasShape(jws, MESSAGE_TYPE)) {
            throw new EnvelopeRejected(Reason.UNSUPPORTED, "messages are typ comity-message+jws, alg EdDSA, with a kid");
        }
        PeerKeys.PeerKey signer = peers.signingKey(inner.getKeyID(), now)
                .orElseThrow(() -> new EnvelopeRejected(Reason.UNKNOWN_SIGNER, "signed with key " + inner.getKeyID()
                        + ", which no trusted node holds now"));
        if (!EdDsaJws.verifies(jws, signer.key())) {
            throw new EnvelopeRejected(Reason.BAD_SIGNATURE, "the signature of node " + signer.nodeId() + " does not match the message");
        }
        return new Authentic(signed, jws, signer);
    }

    /** The checks after the signature: the message's format and canonical form, its sender, recipient and time. */
    static Opened check(Authentic authentic, Policy policy, Instant now, String digest, Receipt.Subject subject) throws EnvelopeRejected {
        PeerKeys.PeerKey signer = authentic.signer();
        byte[] payload = authentic.jws().getPayload().toBytes();
        Message message;
        try {
            message = Message.parse(new String(payload, StandardCharsets.UTF_8), MAX_ENVELOPE_CHARS);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the message: " + e.getMessage(), signer.nodeId());
        }
        if (!Arrays.equals(payload, message.canonicalBytes())) {
            throw new EnvelopeRejected(Reason.MALFORMED, "the message is not in canonical form (RFC 8785)", signer.nodeId());
        }
        if (!message.from().equals(signer.nodeId())) {
            throw new EnvelopeRejected(Reason.FORGED_SENDER, "the message says it is from " + message.from() + " but node "
                    + signer.nodeId() + " signed it", signer.nodeId());
        }
        if (!message.to().equals(policy.self())) {
            throw new EnvelopeRejected(Reason.WRONG_RECIPIENT, "the message is addressed to " + message.to() + ", not " + policy.self(), signer.nodeId());
        }
        if (message.sentAt().isAfter(now.plus(policy.clockSkew()))) {
            throw new EnvelopeRejected(Reason.FROM_THE_FUTURE, "sent at " + message.sentAt() + ", later than this node's clock allows", signer.nodeId());
        }
        if (message.sentAt().isBefore(now.minus(policy.replayWindow()))) {
            throw new EnvelopeRejected(Reason.STALE, "sent at " + message.sentAt() + ", before the replay window of " + policy.replayWindow(), signer.nodeId());
        }
        return new Opened(message, authentic.jws().getHeader().getKeyID(), digest, authentic.signed(), subject);
    }

    /** SHA-256 of a compact serialization (an envelope's, a batch's or a signed message's), base64url without padding. */
    public static String digest(String envelope) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(envelope.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
