package org.comity.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.comity.custody.event.Actor;
import org.comity.custody.event.CustodyAction;
import org.comity.custody.event.CustodyEvent;
import org.comity.custody.event.LegalAuthority;
import org.comity.custody.event.Tool;

/**
 * The custody events of a busy node, made up but shaped like real ones, so that benchmarks hash and
 * store entries of the size and structure the ledger holds (about 800 bytes of canonical JSON, most
 * of it the actor, the legal authority and up to three SHA-256 hashes in hex):
 * a few hundred exhibits open at once, each acquired, sealed and uploaded, then verified, accessed,
 * transferred or exported, every event linked to the exhibit's previous one by its hash, by
 * examiners of a handful of authorities, most under a request's legal authority. The same seed
 * gives the same events. Not safe for use by several threads.
 */
final class SyntheticCustody {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final int OPEN_EXHIBITS = 500;
    private static final HexFormat HEX = HexFormat.of();
    private static final List<Tool> TOOLS = List.of(new Tool("Comity", "0.1.0"), new Tool("UFED 4PC", "7.71"), new Tool("FTK Imager", "4.7.1"),
            new Tool("Provider portal", "2.3"), new Tool("X-Ways Forensics", "21.2"));
    private static final List<String> INSTRUMENTS = List.of("Budapest Convention Art. 29", "Budapest Convention Art. 31",
            "Bilateral MLA treaty Art. 7", "Directive 2014/41/EU (EIO)");
    private static final List<String> MEDIA = List.of("application/vnd.sqlite3", "application/octet-stream", "application/json", "message/rfc822",
            "image/jpeg", "application/pdf");
    private static final String[] NAMES = {"Insp. Ana Ferreira", "Sgt. Piet de Vries", "Dr. Lena Kowalski", "Det. Omar Haddad",
        "Insp. Marta Ruiz", "Off. Jonas Berg", "Ms. Chiara Conti", "Mr. Tomas Novak"};
    private static final String[] AUTHORITIES = {"Aurelia Cybercrime Unit", "Aurelia Public Prosecutor's Office",
        "Aurelia Ministry of Justice, Central Authority", "Aurelia National Police, 24/7 Point of Contact"};
    private static final String[] ROLES = {"examiner", "investigator", "prosecutor", "officer"};

    /** One exhibit while it is in custody: its last event, from which the next one follows. */
    private record Open(UUID exhibit, CustodyEvent last, String sha256, long size, String fileName, String mediaType) {}

    private final SplittableRandom random;
    private final List<Actor> actors = new ArrayList<>();
    private final List<Open> open = new ArrayList<>();
    private long sequence;

    SyntheticCustody(long seed) {
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < NAMES.length; i++) {
            UUID authority = new UUID(0x5e0d2f0a6f8e4c61L, 0x9d7e2b1a3f4c5d00L + i % AUTHORITIES.length);
            actors.add(Actor.of(NAMES[i], ROLES[i % ROLES.length], authority, AUTHORITIES[i % AUTHORITIES.length])
                    .withUser(NAMES[i].replaceAll("^\\S+ ", "").replace(' ', '.').toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** The next event of the stream: an open exhibit's next step, or a new exhibit's acquisition. */
    CustodyEvent next() {
        long n = sequence++;
        Instant at = T0.plus(Duration.ofMillis(n * 37));
        if (open.size() < OPEN_EXHIBITS && (open.isEmpty() || random.nextInt(4) == 0)) {
            return acquire(at);
        }
        int slot = random.nextInt(open.size());
        Open exhibit = open.get(slot);
        CustodyAction action = following(exhibit.last().action());
        CustodyEvent.Builder b = common(CustodyEvent.builder(id(), exhibit.exhibit(), action), at, exhibit.last().authority().orElse(null))
                .after(exhibit.last()).inputSha256(exhibit.sha256()).reason(reason(action, exhibit.fileName()));
        if (action == CustodyAction.SEAL || action == CustodyAction.VERIFY || action == CustodyAction.TRANSFER) {
            b.outputSha256(exhibit.sha256());
        }
        if (action == CustodyAction.TRANSFER || action == CustodyAction.EXPORT) {
            b.detail("recipient", random.nextBoolean() ? "XB" : "XC");
        }
        CustodyEvent event = b.build();
        if (action == CustodyAction.DISPOSE || action == CustodyAction.TRANSFER) { // a sent exhibit's chain goes on in the recipient's ledger
            open.set(slot, open.getLast());
            open.removeLast();
        } else {
            open.set(slot, new Open(exhibit.exhibit(), event, exhibit.sha256(), exhibit.size(), exhibit.fileName(), exhibit.mediaType()));
        }
        return event;
    }

    /** The canonical bytes of the next event: a ledger entry. */
    byte[] nextEntry() {
        return next().canonicalBytes();
    }

    private CustodyEvent acquire(Instant at) {
        UUID exhibit = new UUID(0x0196a3b200017000L | random.nextLong(0x1000L) << 20, 0x8000000000000000L | sequence);
        String sha256 = HEX.formatHex(bytes(32));
        long size = 1024 + random.nextLong(8L << 30);
        String mediaType = MEDIA.get(random.nextInt(MEDIA.size()));
        String fileName = "exhibit-" + (sequence % 100_000) + extension(mediaType);
        LegalAuthority authority = random.nextInt(5) == 0 ? null
                : LegalAuthority.of(INSTRUMENTS.get(random.nextInt(INSTRUMENTS.size())), "XB-2026-" + (1000 + random.nextInt(9000)),
                        new UUID(0x0196a3b27c107d2eL, 0x8f3a000000000000L | random.nextLong(1L << 40)));
        CustodyEvent event = common(CustodyEvent.builder(id(), exhibit, CustodyAction.ACQUIRE), at, authority)
                .reason("Acquired " + fileName + " by " + (random.nextBoolean() ? "logical extraction" : "provider production"))
                .outputSha256(sha256).detail("sizeBytes", size).detail("fileName", fileName).detail("mediaType", mediaType).build();
        open.add(new Open(exhibit, event, sha256, size, fileName, mediaType));
        return event;
    }

    private CustodyEvent.Builder common(CustodyEvent.Builder b, Instant at, LegalAuthority authority) {
        b.actor(actors.get(random.nextInt(actors.size()))).tool(TOOLS.get(random.nextInt(TOOLS.size()))).node("XA", "XA").at(at);
        if (authority != null) {
            b.authority(authority);
        }
        return b;
    }

    /** After acquisition an exhibit is sealed and uploaded; then it is checked and opened until it is sent (its chain goes on in another node's ledger) or disposed of. */
    private CustodyAction following(CustodyAction last) {
        return switch (last) {
            case ACQUIRE, RECEIVE -> CustodyAction.SEAL;
            case SEAL -> CustodyAction.UPLOAD;
            default -> switch (random.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5, 6 -> CustodyAction.VERIFY;
                case 7, 8, 9, 10, 11, 12, 13 -> CustodyAction.ACCESS;
                case 14, 15 -> CustodyAction.TRANSFER;
                case 16, 17, 18 -> CustodyAction.EXPORT;
                default -> CustodyAction.DISPOSE;
            };
        };
    }

    private static String reason(CustodyAction action, String fileName) {
        return switch (action) {
            case SEAL -> "Sealed " + fileName + ": hashed and encrypted at rest";
            case UPLOAD -> "Stored in the evidence vault";
            case VERIFY -> "Scheduled integrity check of the vault copy";
            case ACCESS -> "Opened for review by the case team";
            case TRANSFER -> "Sent to the requesting state under the request";
            case EXPORT -> "Put into an evidence package for the requesting state";
            case DISPOSE -> "Retention period ended; copy destroyed";
            default -> action.json();
        };
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "application/vnd.sqlite3" -> ".db";
            case "application/json" -> ".json";
            case "message/rfc822" -> ".eml";
            case "image/jpeg" -> ".jpg";
            case "application/pdf" -> ".pdf";
            default -> ".E01";
        };
    }

    private UUID id() {
        return new UUID(0x0196a3b200007000L | (sequence >>> 48 & 0xfff), 0x8000000000000000L | sequence);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
