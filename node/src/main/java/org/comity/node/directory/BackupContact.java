package org.comity.node.directory;

/** Who is called when a 24/7 point of contact does not acknowledge an urgent request in time, in this order. */
public record BackupContact(String name, String email, String phone) {}
