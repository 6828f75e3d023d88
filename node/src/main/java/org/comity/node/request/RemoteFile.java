package org.comity.node.request;

/** An attachment travelling between nodes: its facts and its bytes (checked against the SHA-256 on arrival). */
public record RemoteFile(AttachmentInfo info, byte[] content) {}
