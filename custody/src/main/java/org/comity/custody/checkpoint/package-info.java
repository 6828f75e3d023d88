/**
 * Signed checkpoints of the custody ledger in the C2SP text formats, so that witnesses and tools
 * built for other transparency logs can read them: signed notes (c2sp.org/signed-note), checkpoints
 * (c2sp.org/tlog-checkpoint: origin, tree size, root hash) and Ed25519 witness cosignatures
 * (c2sp.org/tlog-cosignature, cosignature/v1). Everything read from outside is parsed strictly and
 * refused with {@link org.comity.custody.checkpoint.CheckpointRejected}, never another exception;
 * {@link org.comity.custody.checkpoint.SignedCheckpoint#verify} checks the log's signature and a
 * quorum of witnesses against a {@link org.comity.custody.checkpoint.LogPolicy}.
 */
package org.comity.custody.checkpoint;
