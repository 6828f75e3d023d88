package org.comity.custody.envelope;

import java.time.Duration;
import java.util.Optional;
import org.comity.custody.keys.EncryptionKey;
import org.comity.custody.keys.SigningKey;

/** Three nodes' keys for the envelope tests: XA sends, XB receives, XC is trusted but is neither. */
abstract class ThreeNodes {

    final SigningKey xaSign = SigningKey.generate(), xbSign = SigningKey.generate(), xcSign = SigningKey.generate();
    final EncryptionKey xbEnc = EncryptionKey.generate(), xcEnc = EncryptionKey.generate();
    final PeerKeys trusted = (kid, at) -> kid.equals(xaSign.kid()) ? Optional.of(new PeerKeys.PeerKey("XA", xaSign.publicJwk()))
            : kid.equals(xcSign.kid()) ? Optional.of(new PeerKeys.PeerKey("XC", xcSign.publicJwk()))
            : kid.equals(xbSign.kid()) ? Optional.of(new PeerKeys.PeerKey("XB", xbSign.publicJwk())) : Optional.empty();
    final Keyring xbKeys = kid -> kid.equals(xbEnc.kid()) ? Optional.of(xbEnc.privateJwk()) : Optional.empty();
    final Envelopes.Policy xb = new Envelopes.Policy("XB", Duration.ofMinutes(5), Duration.ofHours(24));
}
