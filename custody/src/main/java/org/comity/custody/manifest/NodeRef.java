package org.comity.custody.manifest;

/** A Comity node as a manifest names it: its id (XB), its name, and its state's two-letter code. */
public record NodeRef(String id, String name, String state) {

    public NodeRef {
        Manifests.nodeId("node.id", id);
        Manifests.text("node.name", name, 300);
        Manifests.state("node.state", state);
    }
}
