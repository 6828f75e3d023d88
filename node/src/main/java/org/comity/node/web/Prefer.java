package org.comity.node.web;

import java.util.Locale;

/**
 * The {@code Prefer} request header (RFC 7240), as far as Comity honours it: {@code return=minimal}
 * asks a change to answer with its status line, {@code Location} and {@code ETag} only, without the
 * resource in the body, for a case system that does not need it echoed back. Anything else in the
 * header is ignored, as the RFC asks of preferences a server does not support.
 */
public final class Prefer {

    /** The header a server sends when it honoured a preference (RFC 7240 section 3). */
    public static final String APPLIED = "Preference-Applied";
    public static final String RETURN_MINIMAL = "return=minimal";

    /** Preferences longer than this are not read: no client needs more, and a hostile one gets nothing for sending it. */
    private static final int MAX_LENGTH = 1024;

    private Prefer() {}

    /** Whether the header (null when absent) asks for {@code return=minimal}. */
    public static boolean returnMinimal(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return false;
        }
        for (String preference : header.split(",")) {
            // A preference is token[=value] followed by optional ;parameters, which return= does not use.
            int semicolon = preference.indexOf(';');
            String head = (semicolon < 0 ? preference : preference.substring(0, semicolon)).strip();
            int equals = head.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String token = head.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = head.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (token.equals("return")) {
                // The first "return" counts (RFC 7240: a preference is not repeated; if it is, the first one wins).
                return value.equalsIgnoreCase("minimal");
            }
        }
        return false;
    }
}
