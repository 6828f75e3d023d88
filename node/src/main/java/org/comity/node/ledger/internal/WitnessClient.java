package org.comity.node.ledger.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.comity.custody.checkpoint.CheckpointRejected;
import org.comity.custody.checkpoint.Cosignature;
import org.comity.custody.checkpoint.LogPolicy;
import org.comity.custody.checkpoint.SignedCheckpoint;
import org.comity.custody.checkpoint.StrictBase64;
import org.comity.custody.checkpoint.VerifiedCheckpoint;
import org.comity.node.platform.ComityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks each peer, as this node's witness, to cosign its newest checkpoint, with a consistency proof
 * from the size that peer cosigned last (C2SP tlog-witness). The cosignatures are kept with the
 * checkpoint, so a court package carries checkpoints that other states vouch for.
 */
@Component
class WitnessClient {

    private static final Logger log = LoggerFactory.getLogger(WitnessClient.class);

    private final LedgerStore store;
    private final LedgerService ledger;
    private final LedgerKey key;
    private final Peers peers;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;

    WitnessClient(LedgerStore store, LedgerService ledger, LedgerKey key, Peers peers, Clock clock, ComityProperties properties) {
        this.store = store;
        this.ledger = ledger;
        this.key = key;
        this.peers = peers;
        this.clock = clock;
        this.timeout = properties.exchange().peerTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Scheduled(initialDelayString = "${comity.ledger.witness-interval:10s}", fixedDelayString = "${comity.ledger.witness-interval:10s}")
    void round() {
        Optional<LedgerStore.StoredCheckpoint> latest = store.latestCheckpoint();
        if (latest.isEmpty()) {
            return;
        }
        for (Peers.PeerLedger peer : peers.all()) {
            try {
                ask(peer, latest.get());
            } catch (RuntimeException e) {
                log.warn("Witness {} could not be asked to cosign: {}", peer.nodeId(), e.toString());
                store.peerAttempt(peer.nodeId(), null, String.valueOf(e.getMessage()), clock.instant());
            }
        }
    }

    /** One cosignature request to one peer; a 409 tells the size it holds, and the request is made once more from it. */
    void ask(Peers.PeerLedger peer, LedgerStore.StoredCheckpoint checkpoint) {
        long old = store.cosignedSize(peer.nodeId());
        if (old == checkpoint.size() && !store.cosignatures(checkpoint.size()).isEmpty() && hasCosignatureFrom(peer, checkpoint)) {
            return;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> answer = post(peer, body(old, checkpoint));
            if (answer.statusCode() == 200) {
                String line = accept(peer, checkpoint, answer.body());
                store.insertCosignature(checkpoint.size(), peer.nodeId(), line, clock.instant());
                store.peerAttempt(peer.nodeId(), checkpoint.size(), null, clock.instant());
                return;
            }
            if (answer.statusCode() == 409 && answer.headers().firstValue("Content-Type").orElse("").startsWith("text/x.tlog.size") && attempt == 0) {
                long held = Long.parseLong(answer.body().strip());
                if (held > checkpoint.size()) {
                    throw new IllegalStateException(peer.nodeId() + " has cosigned size " + held + " of this ledger, larger than its size "
                            + checkpoint.size() + ": was the database restored from an older backup?");
                }
                old = held;
                continue;
            }
            throw new IllegalStateException(peer.nodeId() + " answered " + answer.statusCode() + ": " + abbreviate(answer.body()));
        }
    }

    private boolean hasCosignatureFrom(Peers.PeerLedger peer, LedgerStore.StoredCheckpoint checkpoint) {
        return store.cosignatures(checkpoint.size()).stream().anyMatch(l -> l.startsWith("— " + peer.origin() + " "));
    }

    private String body(long old, LedgerStore.StoredCheckpoint checkpoint) {
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        if (old > 0 && old < checkpoint.size()) {
            for (byte[] hash : ledger.consistency(old, checkpoint.size())) {
                body.append(StrictBase64.encode(hash)).append('\n');
            }
        }
        return body.append('\n').append(checkpoint.note()).toString();
    }

    /** The peer's cosignature line, once it verifies over this checkpoint with the peer's key. */
    private String accept(Peers.PeerLedger peer, LedgerStore.StoredCheckpoint checkpoint, String lines) {
        try {
            VerifiedCheckpoint verified = SignedCheckpoint.parse(checkpoint.note() + lines)
                    .verify(LogPolicy.of(key.origin(), key.signer().verifier()).withWitnesses(List.of(peer.witness()), 1));
            Cosignature cosignature = verified.cosignatures().getFirst();
            return cosignature.noteSignature().line();
        } catch (CheckpointRejected e) {
            throw new IllegalStateException(peer.nodeId() + " returned no valid cosignature: " + e.getMessage());
        }
    }

    private HttpResponse<String> post(Peers.PeerLedger peer, String body) {
        URI uri = URI.create(peer.endpoint().toString().replaceAll("/+$", "") + "/comity/witness/add-checkpoint");
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no answer from " + peer.nodeId() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s.strip();
    }
}
