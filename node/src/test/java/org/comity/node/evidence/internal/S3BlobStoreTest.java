package org.comity.node.evidence.internal;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.comity.node.evidence.BlobStore;
import org.comity.node.platform.ComityProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The vault's contract on S3, against a real S3-compatible server (S3Proxy) running as a separate
 * process. Each test works under a prefix of its own in one bucket; parts are 5 MiB, so the
 * multi-megabyte cases go through multipart uploads and the server-side copy.
 */
class S3BlobStoreTest extends BlobStoreContract {

    private static final String BUCKET = "comity-vault";
    private static S3Proxy server;
    private static S3Client s3;
    private final VaultCipher cipher = VaultCipher.generate();
    private String prefix;
    private S3BlobStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Proxy.start();
        s3 = BlobStoreConfiguration.client(config(""));
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static ComityProperties.S3 config(String prefix) {
        return new ComityProperties.S3(server.endpoint(), "us-east-1", BUCKET, prefix, S3Proxy.IDENTITY, S3Proxy.CREDENTIAL, true,
                "when-supported", DataSize.ofMegabytes(5));
    }

    @Override
    BlobStore store() {
        prefix = "t-" + UUID.randomUUID() + "/";
        store = BlobStoreConfiguration.s3(config(prefix), cipher);
        return store;
    }

    @Override
    long storedCount() {
        return objects("vault/").size();
    }

    @Override
    void leaveCrashDebris() {
        String key = prefix + "incoming/" + UUID.randomUUID();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(new byte[1024]));
        s3.putObject(b -> b.bucket(BUCKET).key(prefix + "incoming/" + UUID.randomUUID()), RequestBody.fromString("a completed temp object"));
    }

    @Override
    long debrisCount() {
        long uploads = s3.listMultipartUploadsPaginator(b -> b.bucket(BUCKET).prefix(prefix + "incoming/")).uploads().stream().count();
        return uploads + objects("incoming/").size();
    }

    @Override
    byte[] raw(String sha256) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "vault/" + sha256)).asByteArray();
    }

    @Override
    void replaceRaw(String sha256, byte[] bytes) {
        s3.putObject(b -> b.bucket(BUCKET).key(prefix + "vault/" + sha256), RequestBody.fromBytes(bytes));
    }

    @Override
    List<String> probeArguments() throws IOException {
        return List.of("s3", server.endpoint(), BUCKET, S3Proxy.IDENTITY, S3Proxy.CREDENTIAL, "when-supported");
    }

    private List<S3Object> objects(String under) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix + under)).contents().stream().toList();
    }
}
