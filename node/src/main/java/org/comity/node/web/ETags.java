package org.comity.node.web;

import org.comity.node.platform.ComityException;

/** Versions as HTTP entity tags: {@code "7"} out, and {@code "7"}, {@code W/"7"} or {@code 7} in (If-Match). */
public final class ETags {

    private ETags() {}

    public static String of(int version) {
        return "\"" + version + "\"";
    }

    public static int version(String ifMatch) {
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        if (!v.matches("\\d{1,9}")) {
            throw ComityException.badRequest("If-Match must carry the ETag you read, such as \"3\".");
        }
        return Integer.parseInt(v);
    }
}
