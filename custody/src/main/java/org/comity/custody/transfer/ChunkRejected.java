package org.comity.custody.transfer;

/** A chunk that is not what the transfer's key sealed at that place: the receiving node discards it and asks again. */
public final class ChunkRejected extends Exception {

    public ChunkRejected(String message) {
        super(message);
    }
}
