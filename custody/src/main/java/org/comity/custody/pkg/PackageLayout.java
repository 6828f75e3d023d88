package org.comity.custody.pkg;

import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.custody.checkpoint.SignedNote;
import org.comity.custody.manifest.EvidenceManifest;
import org.comity.custody.proof.ConsistencyProof;
import org.comity.custody.proof.EntryProof;

/**
 * The names of an evidence package's entries and how large each may be (docs/formats/evidence-package.md).
 * What belongs to one ledger sits under the ledger's place in the manifest's {@code ledgers}, from 0:
 * {@code custody/checkpoints/<n>/} and {@code keys/<n>/}.
 */
public final class PackageLayout {

    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String EVENTS = "custody/events.jsonl";
    public static final String CASE_UCO = "custody.jsonld";
    public static final String README = "README.txt";
    public static final String NODE_KEY = "keys/node.jwk";
    public static final String PROOFS = "custody/proofs/";
    public static final String CHECKPOINTS = "custody/checkpoints/";
    public static final String KEYS = "keys/";

    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String SIZE_RE = "[1-9][0-9]{0,18}";
    private static final String LEDGER_RE = "0|[1-9][0-9]?";
    static final Pattern EVIDENCE = Pattern.compile("evidence/" + UUID_RE + "/[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
    static final Pattern PROOF = Pattern.compile("custody/proofs/(" + UUID_RE + ")\\.proof");
    static final Pattern CHECKPOINT = Pattern.compile("custody/checkpoints/(" + LEDGER_RE + ")/(" + SIZE_RE + ")\\.checkpoint");
    static final Pattern CONSISTENCY = Pattern.compile("custody/checkpoints/(" + LEDGER_RE + ")/(" + SIZE_RE + ")-(" + SIZE_RE + ")\\.consistency");
    static final Pattern LEDGER_KEY = Pattern.compile("keys/(" + LEDGER_RE + ")/ledger\\.vkey");
    static final Pattern WITNESS_KEYS = Pattern.compile("keys/(" + LEDGER_RE + ")/witnesses\\.vkeys");

    /** At most this many entries: a package of 10,000 items with a few events each. */
    public static final int MAX_ENTRIES = 100_000;
    public static final int MAX_NAME_BYTES = 255;
    /** At most this much of a package (everything but the evidence) is held in memory while it is checked. */
    public static final long MAX_METADATA_BYTES = 256L * 1024 * 1024;

    private PackageLayout() {}

    public static String proof(UUID event) {
        return PROOFS + event + ".proof";
    }

    /** The checkpoint of size {@code size} of the ledger at {@code ledger} in the manifest's list. */
    public static String checkpoint(int ledger, long size) {
        return CHECKPOINTS + ledger + "/" + size + ".checkpoint";
    }

    public static String consistency(int ledger, long oldSize, long newSize) {
        return CHECKPOINTS + ledger + "/" + oldSize + "-" + newSize + ".consistency";
    }

    public static String ledgerKey(int ledger) {
        return KEYS + ledger + "/ledger.vkey";
    }

    public static String witnessKeys(int ledger) {
        return KEYS + ledger + "/witnesses.vkeys";
    }

    static boolean isEvidence(String name) {
        return EVIDENCE.matcher(name).matches();
    }

    /** Whether the tree sizes in the name are within the implementation limit, 2^63-1 (docs/formats/ledger.md), so the verifier can read them. */
    private static boolean sizesFit(Pattern pattern, String name) {
        var m = pattern.matcher(name);
        if (!m.matches()) {
            return false;
        }
        for (int group = 2; group <= m.groupCount(); group++) {
            try {
                Long.parseLong(m.group(group));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** The largest an entry of this name may be, or -1 for a name the format does not have. Evidence is unbounded (it is streamed). */
    static long maxSize(String name) {
        return switch (name) {
            case MANIFEST -> EvidenceManifest.MAX_BYTES;
            case SIGNATURE -> 16 * 1024;
            case EVENTS, CASE_UCO -> 128L * 1024 * 1024;
            case README -> 1024 * 1024;
            case NODE_KEY -> 64 * 1024;
            default -> {
                if (isEvidence(name)) {
                    yield Long.MAX_VALUE;
                } else if (PROOF.matcher(name).matches()) {
                    yield EntryProof.MAX_BYTES;
                } else if (CHECKPOINT.matcher(name).matches() && sizesFit(CHECKPOINT, name)) {
                    yield SignedNote.MAX_BYTES;
                } else if (CONSISTENCY.matcher(name).matches() && sizesFit(CONSISTENCY, name)) {
                    yield ConsistencyProof.MAX_BYTES;
                } else if (LEDGER_KEY.matcher(name).matches() || WITNESS_KEYS.matcher(name).matches()) {
                    yield 64 * 1024;
                }
                yield -1;
            }
        };
    }
}
