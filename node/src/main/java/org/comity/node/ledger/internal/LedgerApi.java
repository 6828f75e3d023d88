package org.comity.node.ledger.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.comity.custody.tiles.Tile;
import org.comity.custody.tiles.Tiles;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger as outsiders audit it (C2SP tlog-tiles, under {@code /comity/ledger/}) and this node
 * as a witness ({@code /comity/witness/add-checkpoint}, C2SP tlog-witness). Public, like a
 * certificate transparency log: the checkpoint and hash tiles reveal hashes only. Entry bundles
 * are not served: entries name people and cases, and reach a court inside evidence packages.
 */
@RestController
class LedgerApi {

    private final LedgerStore store;
    private final LedgerService ledger;
    private final Witnessing witnessing;

    LedgerApi(LedgerStore store, LedgerService ledger, Witnessing witnessing) {
        this.store = store;
        this.ledger = ledger;
        this.witnessing = witnessing;
    }

    @GetMapping("/comity/ledger/checkpoint")
    ResponseEntity<String> checkpoint() {
        return ledger.latestCheckpoint()
                .map(c -> ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(5)))
                        .body(c.format()))
                .orElseGet(() -> ResponseEntity.status(404).contentType(TEXT).body("no checkpoint has been signed yet\n"));
    }

    @GetMapping("/comity/ledger/tile/**")
    ResponseEntity<byte[]> tile(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + "/comity/ledger/".length());
        Optional<Tile> tile = Tile.parsePath(path);
        if (tile.isEmpty()) {
            return notFound(path.startsWith("tile/entries/") ? "entry bundles are not published: entries reach courts in evidence packages"
                    : "not a tile path (c2sp.org/tlog-tiles)");
        }
        long published = store.latestCheckpoint().map(LedgerStore.StoredCheckpoint::size).orElse(0L);
        Tile t = tile.get();
        long first = t.index() * Tile.WIDTH;
        if (first + t.width() > Tiles.hashCount(t.level(), published)) {
            return notFound("no such tile in the ledger as of its latest checkpoint (" + published + " entries)");
        }
        byte[] content = Tiles.content(store.source(published), t);
        CacheControl cache = t.isPartial() ? CacheControl.maxAge(java.time.Duration.ofSeconds(5))
                : CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic().immutable();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).cacheControl(cache).body(content);
    }

    @PostMapping("/comity/witness/add-checkpoint")
    ResponseEntity<String> addCheckpoint(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(Witnessing.MAX_BODY + 1);
        }
        Witnessing.Answer answer = witnessing.addCheckpoint(body);
        return ResponseEntity.status(answer.status()).contentType(MediaType.parseMediaType(answer.contentType())).body(answer.body());
    }

    private static final MediaType TEXT = MediaType.parseMediaType("text/plain; charset=utf-8");

    private static ResponseEntity<byte[]> notFound(String why) {
        return ResponseEntity.status(404).contentType(TEXT).body((why + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
