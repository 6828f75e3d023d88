package org.comity.node.directory;

/** A node of the federation; {@code local} marks this one. */
public record NodeEntry(String id, String name, String stateCode, String endpoint, boolean local) {}
