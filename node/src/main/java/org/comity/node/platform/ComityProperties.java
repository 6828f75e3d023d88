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
        Ledger ledger) {

    public ComityProperties {
        node = node == null ? new Node(null, null, null, null) : node;
        database = database == null ? new Database(null, null, null, null) : database;
        blobStore = blobStore == null ? new BlobStore(null, null) : blobStore;
        security = security == null ? new Security(null, null, 0, null, null, null, null) : security;
        deadlines = deadlines == null ? new Deadlines(null) : deadlines;
        exchange = exchange == null ? new Exchange(null, null, null, null, null, null, null, null, null, null) : exchange;
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

    /** Where attachment bytes live: {@code filesystem} (default, under the data folder). */
    public record BlobStore(String type, Path path) {
        public BlobStore {
            type = blankTo(type, "filesystem");
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
     * to {@code maxBackoff}), and after how many failed attempts a message becomes a dead letter.
     */
    public record Exchange(java.util.List<String> directoryKeys, Path directoryKeyFile, Duration clockSkew, Duration replayWindow,
            Duration keyOverlap, Integer deliveryThreads, Duration peerTimeout, Duration initialBackoff, Duration maxBackoff,
            Integer maxAttempts) {
        public Exchange {
            deliveryThreads = deliveryThreads == null ? 4 : deliveryThreads;
            peerTimeout = peerTimeout == null ? Duration.ofSeconds(10) : peerTimeout;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
            maxAttempts = maxAttempts == null ? 30 : maxAttempts;
            directoryKeys = directoryKeys == null ? java.util.List.of() : java.util.List.copyOf(directoryKeys);
            clockSkew = clockSkew == null ? Duration.ofMinutes(5) : clockSkew;
            replayWindow = replayWindow == null ? Duration.ofDays(7) : replayWindow;
            keyOverlap = keyOverlap == null ? Duration.ofDays(7) : keyOverlap;
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

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
