package org.comity.custody.merkle;

import java.util.List;

/** The shape checks every verifier applies to the hashes it is given, so that malformed input is a rejection, not a crash. */
final class Hashes {

    private Hashes() {}

    static void require(byte[] hash, String what) throws ProofRejected {
        if (hash == null || hash.length != TreeHash.SIZE) {
            throw new ProofRejected(what + " must be a 32-byte hash, not " + (hash == null ? "missing" : hash.length + " bytes"));
        }
    }

    static void requireAll(List<byte[]> proof, int expected, String what) throws ProofRejected {
        if (proof == null) {
            throw new ProofRejected(what + " is missing");
        }
        if (proof.size() != expected) {
            throw new ProofRejected(what + " has " + expected + " hashes, not " + proof.size());
        }
        for (int i = 0; i < proof.size(); i++) {
            require(proof.get(i), "hash " + i + " of the proof");
        }
    }
}
