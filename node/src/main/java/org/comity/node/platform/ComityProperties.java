package org.comity.node.platform;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node's configuration: {@code comity.*} in {@code application.yaml}, each key overridable by a
 * {@code COMITY_*} environment variable (Spring's relaxed binding: {@code COMITY_NODE_ID} sets
 * {@code comity.node.id}, {@code COMITY_DATABASE_URL} sets {@code comity.database.url}).
 */
@ConfigurationProperties("comity")
public record ComityProperties(
        Node node,
        @DefaultValue("data/node") Path dataDir,
        @DefaultValue("false") boolean demo,
        Path demoSummary,
        Database database,
        BlobStore blobStore,
        Security security,
        Deadlines deadlines,
        Exchange exchange,
        Uploads uploads,
        Ledger ledger) {

    public ComityProperties {
        node = node == null ? new Node(null, null, null, null) : node;
        database = database == null ? new Database(null, null, null, null) : database;
        blobStore = blobStore == null ? new BlobStore(null, null, null, null) : blobStore;
        uploads = uploads == null ? new Uploads(null, null, null, null, null, null) : uploads;
        security = security == null ? new Security(null, null, 0, null, null, null, null) : security;
        deadlines = deadlines == null ? new Deadlines(null) : deadlines;
        exchange = exchange == null ? new Exchange(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null) : exchange;
        ledger = ledger == null ? new Ledger(null, null) : ledger;
    }

    /** Which node this is: its directory identity and the address its users reach it at. */
    public record Node(String id, String name, String state, String publicUrl) {
        public Node {
            id = blankTo(id, "XA");
            name = blankTo(name, "Aurelia");
            state = blankTo(state, id.length() >= 2 ? id.substring(0, 2) : id);
            publicUrl = blankTo(publicUrl, "http://localhost:8081");
        }
    }

    /**
     * Where the data lives. With no {@code url}, the node runs its own embedded PostgreSQL in
     * {@code <data-dir>/postgresql}; with a JDBC URL it uses that server (production).
     */
    public record Database(String url, String username, String password, Embedded embedded) {
        public Database {
            embedded = embedded == null ? new Embedded(0, true) : embedded;
        }

        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    /** The embedded server: port 0 picks a free loopback port at each start. */
    public record Embedded(int port, @DefaultValue("true") boolean fsync) {}

    /**
     * The evidence vault, where attachment and evidence bytes live, encrypted: {@code filesystem}
     * (default, under the data folder) or {@code s3}. What a write cut short by a crash leaves
     * behind is removed once it is older than {@code abandonedAfter}.
     */
    public record BlobStore(String type, Path path, S3 s3, Duration abandonedAfter) {
        public BlobStore {
            type = blankTo(type, "filesystem");
            s3 = s3 == null ? new S3(null, null, null, null, null, null, null, null, null) : s3;
            abandonedAfter = abandonedAfter == null ? Duration.ofDays(1) : abandonedAfter;
        }
    }

    /**
     * An S3-compatible bucket for the vault: {@code endpoint} for a server other than AWS (path-style
     * addressing by default, as most such servers need), credentials from here or, when absent, the
     * AWS SDK's default chain. {@code checksum}: {@code when-supported} sends CRC32 checksums with
     * every request and checks them on answers (AWS S3); {@code when-required} only where the API
     * demands them, for servers that do not support the newer checksums. Large blobs go up in parts of
     * at least {@code partSize} (S3's minimum is 5 MiB), each held in memory while it is sent.
     */
    public record S3(String endpoint, String region, String bucket, String prefix, String accessKeyId, String secretAccessKey,
            Boolean pathStyle, String checksum, org.springframework.util.unit.DataSize partSize) {
        public S3 {
            region = blankTo(region, "us-east-1");
            prefix = prefix == null ? "" : prefix;
            pathStyle = pathStyle == null ? Boolean.TRUE : pathStyle;
            checksum = blankTo(checksum, "when-supported").toLowerCase(java.util.Locale.ROOT);
            if (!checksum.equals("when-supported") && !checksum.equals("when-required")) {
                throw new IllegalArgumentException("comity.blob-store.s3.checksum must be when-supported or when-required, not " + checksum);
            }
            partSize = partSize == null ? org.springframework.util.unit.DataSize.ofMegabytes(8) : partSize;
            if (partSize.toBytes() < 5L * 1024 * 1024) {
                throw new IllegalArgumentException("comity.blob-store.s3.part-size must be at least 5MB (S3's minimum part size)");
            }
        }

        /** Never print the secret. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix + ", accessKeyId="
                    + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "***") + ", pathStyle=" + pathStyle
                    + ", checksum=" + checksum + ", partSize=" + partSize + "]";
        }
    }

    /**
     * Resumable evidence uploads (tus): where their partial data is kept (encrypted), the largest
     * upload accepted, how many unfinished uploads one user may hold, how long an upload nobody
     * continues is kept, and how often abandoned uploads are looked for.
     */
    public record Uploads(Path path, org.springframework.util.unit.DataSize maxSize, Integer maxPerUser, Duration expireAfter,
            Duration cleanupInterval, org.springframework.util.unit.DataSize freeSpaceReserve) {
        public Uploads {
            maxSize = maxSize == null ? org.springframework.util.unit.DataSize.ofTerabytes(1) : maxSize; // 1 TiB (Spring's units are binary)
            maxPerUser = maxPerUser == null ? 8 : maxPerUser;
            expireAfter = expireAfter == null ? Duration.ofDays(7) : expireAfter;
            cleanupInterval = cleanupInterval == null ? Duration.ofMinutes(15) : cleanupInterval;
            freeSpaceReserve = freeSpaceReserve == null ? org.springframework.util.unit.DataSize.ofGigabytes(1) : freeSpaceReserve;
        }
    }

    /**
     * Sign-in rules. In demo mode the second factor is offered but never required. An API token
     * checked against the database is trusted again without a query for {@code tokenRecheck}; a
     * revocation or a change to its user or authority made on this instance ends that at once, one
     * made on another instance sharing the database within that time.
     */
    public record Security(
            Duration sessionTimeout,
            Duration lockout,
            int maxFailedLogins,
            Duration maxTokenLifetime,
            Boolean requireSecondFactor,
            String keystorePassphrase,
            Duration tokenRecheck) {
        public Security {
            tokenRecheck = tokenRecheck == null ? Duration.ofSeconds(5) : tokenRecheck;
            sessionTimeout = sessionTimeout == null ? Duration.ofMinutes(30) : sessionTimeout;
            lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
            maxFailedLogins = maxFailedLogins <= 0 ? 5 : maxFailedLogins;
            maxTokenLifetime = maxTokenLifetime == null ? Duration.ofDays(365) : maxTokenLifetime;
        }
    }

    /** How often the legal clock looks for deadlines that became due soon or overdue. */
    public record Deadlines(Duration scanInterval) {
        public Deadlines {
            scanInterval = scanInterval == null ? Duration.ofMinutes(1) : scanInterval;
        }
    }

    /**
     * Between nodes: the directory keys a trust list must be signed with (public JWKs as JSON, or
     * a file holding a JWK set), how far a peer's clock may be ahead, how old a message may be,
     * and how long an old key stays valid after a rotation. Delivery: how many envelopes are sent
     * at once, how long to wait for a peer, the back-off between attempts (doubling, with jitter, up
     * to {@code maxBackoff}), after how many failed attempts a message becomes a dead letter, and how
     * long an instance holds the messages it claimed ({@code lease}): those of an instance that died
     * wait that long before another, or the same one restarted, takes them over.
     */
    public record Exchange(java.util.List<String> directoryKeys, Path directoryKeyFile, Duration clockSkew, Duration replayWindow,
            Duration keyOverlap, Integer deliveryThreads, Duration peerTimeout, Duration initialBackoff, Duration maxBackoff,
            Integer maxAttempts, Integer batchSize, Integer batchesPerPeer, Duration lease, Integer inboundMegabytes,
            Integer unverifiedRefusalsPerMinute, Duration refusalRetention) {
        public Exchange {
            // At least one body of the largest size (32 Mi characters), counted three times as it is held.
            inboundMegabytes = inboundMegabytes == null ? 128 : Math.max(96, inboundMegabytes);
            unverifiedRefusalsPerMinute = unverifiedRefusalsPerMinute == null ? 60 : Math.max(1, unverifiedRefusalsPerMinute);
            refusalRetention = refusalRetention == null ? Duration.ofDays(90) : refusalRetention;
            deliveryThreads = deliveryThreads == null ? 4 : deliveryThreads;
            batchSize = batchSize == null ? 64 : Math.clamp(batchSize, 1, org.comity.custody.envelope.Batches.MAX_MESSAGES);
            batchesPerPeer = batchesPerPeer == null ? 1 : Math.max(1, batchesPerPeer);
            peerTimeout = peerTimeout == null ? Duration.ofSeconds(10) : peerTimeout;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
            maxAttempts = maxAttempts == null ? 30 : maxAttempts;
            directoryKeys = directoryKeys == null ? java.util.List.of() : java.util.List.copyOf(directoryKeys);
            clockSkew = clockSkew == null ? Duration.ofMinutes(5) : clockSkew;
            replayWindow = replayWindow == null ? Duration.ofDays(7) : replayWindow;
            keyOverlap = keyOverlap == null ? Duration.ofDays(7) : keyOverlap;
            lease = lease == null ? Duration.ofSeconds(60) : lease;
            if (lease.compareTo(peerTimeout.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("comity.exchange.lease (" + lease + ") must be at least twice comity.exchange.peer-timeout ("
                        + peerTimeout + "): a message is claimed for the whole of its send");
            }
        }
    }

    /**
     * The custody ledger: how often a checkpoint is signed when the ledger grew, and how often this
     * node asks its peers to cosign its newest checkpoint (as their witness).
     */
    public record Ledger(Duration checkpointInterval, Duration witnessInterval) {
        public Ledger {
            checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(1) : checkpointInterval;
            witnessInterval = witnessInterval == null ? Duration.ofSeconds(10) : witnessInterval;
        }
    }

    /** Outside demo mode a second factor is mandatory unless explicitly switched off. */
    public boolean secondFactorRequired() {
        return security.requireSecondFactor() != null ? security.requireSecondFactor() : !demo;
    }

    /** Where the demo writes its URL, logins and tokens. */
    public Path demoSummaryFile() {
        return demoSummary != null ? demoSummary : dataDir.resolve("demo.json");
    }

    public Path blobDir() {
        return blobStore.path() != null ? blobStore.path() : dataDir.resolve("blobs");
    }

    /** Where unfinished uploads keep their (encrypted) partial data. */
    public Path uploadDir() {
        return uploads.path() != null ? uploads.path() : dataDir.resolve("uploads");
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
