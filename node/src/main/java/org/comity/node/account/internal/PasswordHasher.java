package org.comity.node.account.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first configuration: 19 MiB of memory,
 * two iterations, one lane.
 */
@Component
class PasswordHasher {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    // Verified against when the user is unknown, so a wrong name costs as long as a wrong password.
    private final String decoy = encoder.encode("decoy-password-for-timing");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void burnTime(String password) {
        encoder.matches(password, decoy);
    }
}
