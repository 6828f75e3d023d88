package org.comity.node.ledger.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import org.comity.custody.checkpoint.Cosigner;
import org.comity.custody.checkpoint.NoteSigner;
import org.comity.custody.keys.SigningKey;
import org.comity.node.ledger.CustodyLedger;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.SecretBox;
import org.comity.node.platform.Sql;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's Ed25519 key and origin, made on the first start (under an advisory lock, so
 * instances sharing the database agree) and kept for the life of the ledger: it signs this node's
 * checkpoints, and, under the same name, the cosignatures this node gives its peers' checkpoints.
 */
@Component
class LedgerKey implements SmartInitializingSingleton {

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String publicUrl;
    private volatile NoteSigner signer;
    private volatile Cosigner cosigner;

    LedgerKey(JdbcClient jdbc, SecretBox secrets, TransactionTemplate tx, Clock clock, ComityProperties properties) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.tx = tx;
        this.clock = clock;
        this.publicUrl = properties.node().publicUrl();
    }

    @Override
    public void afterSingletonsInstantiated() {
        tx.executeWithoutResult(status -> {
            Sql.lockForTransaction(jdbc, "comity.ledger_key");
            record Row(String origin, byte[] sealed) {}
            Row row = jdbc.sql("select origin, sealed_private from ledger_key").query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2)))
                    .optional().orElse(null);
            if (row == null) {
                String origin = originOf(publicUrl);
                SigningKey key = SigningKey.generate();
                byte[] sealed = secrets.seal(key.toPrivateJson().getBytes(StandardCharsets.UTF_8), "ledger_key:" + origin);
                jdbc.sql("insert into ledger_key (origin, public_key, sealed_private, created_at) values (?, ?, ?, ?)")
                        .params(origin, key.publicJwk().getDecodedX(), sealed, Sql.ts(clock.instant())).update();
                row = new Row(origin, sealed);
            }
            SigningKey key = SigningKey.fromPrivateJson(new String(secrets.open(row.sealed(), "ledger_key:" + row.origin()), StandardCharsets.UTF_8));
            signer = NoteSigner.of(row.origin(), key);
            cosigner = Cosigner.of(row.origin(), key);
        });
    }

    NoteSigner signer() {
        return signer;
    }

    Cosigner cosigner() {
        return cosigner;
    }

    String origin() {
        return signer.name();
    }

    CustodyLedger.Identity identity() {
        return new CustodyLedger.Identity(signer.name(), signer.verifier().vkey(), cosigner.witness().vkey());
    }

    /**
     * The origin convention of docs/formats/ledger.md: the public URL without its scheme (host in
     * lower case, port only when not the scheme's default, path without a trailing slash) followed
     * by {@code /comity/ledger}. Fixed when the ledger is made, whatever the URL becomes later.
     */
    static String originOf(String publicUrl) {
        URI url = URI.create(publicUrl.strip());
        if (url.getHost() == null) {
            throw new IllegalStateException("comity.node.public-url must be an absolute URL to name the ledger: " + publicUrl);
        }
        int port = url.getPort();
        boolean defaultPort = port < 0 || ("https".equals(url.getScheme()) && port == 443) || ("http".equals(url.getScheme()) && port == 80);
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path + "/comity/ledger";
    }
}
