package org.comity.node.account.internal;

import jakarta.servlet.http.HttpSession;
import org.springframework.ui.Model;

/**
 * The second-factor enrolment page, shared by first sign-in and the account page: one secret per
 * session until it is confirmed, shown in groups of four and as an otpauth URI.
 */
final class Enrolment {

    private Enrolment() {}

    /** The secret being enrolled in this session under {@code key}, made on first use. */
    static byte[] secret(HttpSession session, String key) {
        byte[] secret = (byte[]) session.getAttribute(key);
        if (secret == null) {
            secret = Totp.newSecret();
            session.setAttribute(key, secret);
        }
        return secret;
    }

    static String show(Model model, byte[] secret, String issuer, String username) {
        model.addAttribute("secret", Totp.base32(secret).replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("uri", Totp.uri(issuer, username, secret));
        return "account/enrol";
    }
}
