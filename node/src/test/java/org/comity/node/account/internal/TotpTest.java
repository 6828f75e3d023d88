package org.comity.node.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    // RFC 6238 Appendix B, SHA-1 seed "12345678901234567890", eight digits.
    static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectors() {
        assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
        assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
        assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(1234567890)), 8)).isEqualTo("89005924");
        assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
    }

    @Test
    void acceptsOneStepOfDriftAndNoMore() {
        Instant now = Instant.parse("2026-11-23T10:00:15Z");
        String previous = Totp.code(SEED, Totp.step(now) - 1);
        String twoAgo = Totp.code(SEED, Totp.step(now) - 2);
        assertThat(Totp.match(SEED, previous, now)).hasValue(Totp.step(now) - 1);
        assertThat(Totp.match(SEED, twoAgo, now)).isEmpty();
        assertThat(Totp.match(SEED, "12345", now)).isEmpty();
        assertThat(Totp.match(SEED, "abcdef", now)).isEmpty();
        assertThat(Totp.match(SEED, null, now)).isEmpty();
    }

    @Test
    void base32RoundTripsAndTheUriIsWhatAppsImport() {
        byte[] secret = Totp.newSecret();
        assertThat(Totp.fromBase32(Totp.base32(secret))).isEqualTo(secret);
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI"); // RFC 4648 section 10
        assertThat(Totp.uri("Comity Aurelia", "j.doe", secret))
                .startsWith("otpauth://totp/Comity%20Aurelia:j.doe?secret=" + Totp.base32(secret))
                .contains("issuer=Comity%20Aurelia").contains("digits=6").contains("period=30");
    }
}
