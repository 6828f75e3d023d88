package org.comity.custody.manifest;

/** An authority named in a request, with its state's two-letter code. */
public record AuthorityRef(String authority, String state) {

    public AuthorityRef {
        Manifests.text("authority", authority, 300);
        Manifests.state("state", state);
    }
}
