package org.comity.node.directory;

/** A state (or other party to an instrument) by its ISO 3166 code; XA-XZ are the demo's fictional states. */
public record State(String code, String name) {}
