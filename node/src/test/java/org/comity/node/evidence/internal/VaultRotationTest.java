package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.evidence.BlobStore;
import org.comity.node.platform.ComityProperties;
import org.comity.node.platform.Role;
import org.comity.node.platform.SecretBox;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Rotating the vault's keys: what is stored afterwards is encrypted under a fresh key, what was stored
 * before still reads (whole and from an offset), here and on another instance that opens the keysets
 * from the database; only an administrator rotates, and the rotation is audited.
 */
class VaultRotationTest extends NodeTest {

    @Autowired
    BlobStore vault;
    @Autowired
    ComityProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretBox secrets;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Clock clock;

    @Test
    void afterARotationOldAndNewEvidenceBothReadAndNewEvidenceUsesTheNewKey() throws Exception {
        var central = fixtures.authority(fixtures.state("Vault"), AuthorityKind.CENTRAL_AUTHORITY);
        Http admin = http(fixtures.token(fixtures.user(central, Role.ADMIN)));
        JsonNode before = admin.get("/api/v1/admin/vault/keys").json();
        int contentKeys = before.get("blob-content").get("keys").size();

        byte[] old = random(70_000, 1);
        String oldSha = vault.put(new ByteArrayInputStream(old), Long.MAX_VALUE).sha256();

        Http.Reply rotated = admin.post("/api/v1/admin/vault/keys/rotation", null);
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        JsonNode after = rotated.json();
        for (String keyset : List.of("blob-content", "blob-trailer")) {
            List<Integer> ids = ids(after.get(keyset).get("keys"));
            assertThat(ids).as(keyset).hasSize(ids(before.get(keyset).get("keys")).size() + 1).containsAll(ids(before.get(keyset).get("keys")));
            assertThat(after.get(keyset).get("primary").asInt()).as("the new key encrypts").isEqualTo(ids.getLast())
                    .isNotEqualTo(before.get(keyset).get("primary").asInt());
        }
        assertThat(admin.get("/api/v1/admin/vault/keys").json()).isEqualTo(after);

        byte[] fresh = random(70_000, 2);
        String freshSha = vault.put(new ByteArrayInputStream(fresh), Long.MAX_VALUE).sha256();
        assertThat(read(vault, oldSha, 0)).isEqualTo(old);
        assertThat(read(vault, freshSha, 0)).isEqualTo(fresh);
        assertThat(read(vault, oldSha, 50_001)).isEqualTo(java.util.Arrays.copyOfRange(old, 50_001, old.length));

        // Another instance sharing the database opens the rotated keysets and reads both.
        VaultCipher elsewhere = new VaultKeys(jdbc, secrets, tx, clock).cipher();
        FilesystemBlobStore other = new FilesystemBlobStore(properties.blobDir(), elsewhere);
        assertThat(read(other, oldSha, 0)).isEqualTo(old);
        assertThat(read(other, freshSha, 0)).isEqualTo(fresh);

        // The new blob is sealed under the new key only: a cipher holding just the keys from before cannot open it.
        assertThat(contentKeys).isPositive();
        VaultCipher.Keysets withoutNewest = new VaultCipher.Keysets(
                dropLast(jdbcKeyset(VaultKeys.CONTENT)), dropLast(jdbcKeyset(VaultKeys.TRAILER)));
        FilesystemBlobStore past = new FilesystemBlobStore(properties.blobDir(), VaultCipher.of(withoutNewest));
        assertThat(read(past, oldSha, 0)).isEqualTo(old);
        assertThat(readFails(past, freshSha)).as("encrypted under the new key").isTrue();

        JsonNode audited = admin.get("/api/v1/audit?action=vault.rotate").json().get("items");
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).get("detail").asString()).contains(String.valueOf(after.get("blob-content").get("primary").asInt()));
    }

    @Test
    void onlyAnAdministratorSeesOrRotatesTheKeys() {
        var central = fixtures.authority(fixtures.state("Vault2"), AuthorityKind.CENTRAL_AUTHORITY);
        Http officer = http(fixtures.token(fixtures.user(central, Role.CENTRAL_AUTHORITY)));
        Http auditor = http(fixtures.token(fixtures.user(central, Role.AUDITOR)));
        assertThat(officer.post("/api/v1/admin/vault/keys/rotation", null).status()).isEqualTo(403);
        assertThat(auditor.get("/api/v1/admin/vault/keys").status()).isEqualTo(403);
    }

    private byte[] jdbcKeyset(String name) {
        byte[] sealed = jdbc.sql("select sealed_keyset from vault_key where name = ?").param(name).query(byte[].class).single();
        return secrets.open(sealed, "vault_key:" + name);
    }

    /** The keyset as it was before the rotation: without its newest key, and with the key before it primary again. */
    private static byte[] dropLast(byte[] keyset) throws Exception {
        var handle = com.google.crypto.tink.TinkProtoKeysetFormat.parseKeyset(keyset, com.google.crypto.tink.InsecureSecretKeyAccess.get());
        var builder = com.google.crypto.tink.KeysetHandle.newBuilder(handle);
        builder.removeAt(builder.size() - 1);
        builder.getAt(builder.size() - 1).makePrimary();
        return com.google.crypto.tink.TinkProtoKeysetFormat.serializeKeyset(builder.build(), com.google.crypto.tink.InsecureSecretKeyAccess.get());
    }

    private static boolean readFails(BlobStore store, String sha256) {
        try {
            read(store, sha256, 0);
            return false;
        } catch (Exception | AssertionError e) {
            return true;
        }
    }

    private static byte[] read(BlobStore store, String sha256, long offset) throws Exception {
        try (InputStream in = store.open(sha256, offset).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private static List<Integer> ids(JsonNode keys) {
        List<Integer> ids = new ArrayList<>();
        keys.forEach(k -> ids.add(k.asInt()));
        return ids;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
