package org.comity.node.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUploader;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.comity.node.account.User;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityKind;
import org.comity.node.platform.Role;
import org.comity.node.platform.Sha256;
import org.comity.node.request.Urgency;
import org.comity.node.support.Documents;
import org.comity.node.support.Http;
import org.comity.node.support.NodeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The official tus Java client uploads evidence here, through a network that fails once mid-upload. */
class TusJavaClientTest extends NodeTest {

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void theOfficialClientUploadsAMultiMegabyteFileInterruptedOnceAndResumed() throws Exception {
        Authority requesting = fixtures.authority(fixtures.state("Requesting state"), AuthorityKind.JUDICIAL_AUTHORITY);
        Authority requested = fixtures.authority(fixtures.state("Requested state"), AuthorityKind.CENTRAL_AUTHORITY);
        User examiner = fixtures.user(requesting, Role.JUDICIAL_AUTHORITY);
        String token = fixtures.token(examiner);
        Http http = http(token);
        String requestId = http.post("/api/v1/requests", Documents.complete("budapest-31", null, requested.id(), Urgency.NORMAL))
                .json().get("summary").get("id").asString();
        byte[] content = new byte[6 * 1024 * 1024 + 333];
        new Random(7).nextBytes(content);
        File file = Files.write(dir.resolve("disk.img"), content).toFile();
        TusURLMemoryStore urls = new TusURLMemoryStore();
        Map<String, String> metadata = Tus.evidence(requestId, "disk.img");

        try (CuttingRelay network = new CuttingRelay(port, 2_500_000)) {
            TusClient first = client(network.port(), token, urls);
            TusUpload upload = new TusUpload(file);
            upload.setMetadata(metadata);
            TusUploader uploader = first.resumeOrCreateUpload(upload);
            uploader.setChunkSize(256 * 1024);
            uploader.setRequestPayloadSize(1024 * 1024);
            assertThatThrownBy(() -> {
                while (uploader.uploadChunk() > -1) {
                    // keep sending until the network fails
                }
                uploader.finish();
            }).isInstanceOf(Exception.class);
            assertThat(network.hasCut()).isTrue();

            network.heal();
            TusClient second = client(network.port(), token, urls);
            TusUploader resumed = awaitResumed(second, () -> {
                TusUpload again = new TusUpload(file);
                again.setMetadata(metadata);
                return again;
            });
            assertThat(resumed.getOffset()).as("it resumes after the bytes the cut PATCH delivered").isGreaterThan(1024 * 1024);
            while (resumed.uploadChunk() > -1) {
                // send the rest
            }
            resumed.finish();
        }

        assertThat(jdbc.sql("select count(*) from upload where user_id = ?").param(examiner.id()).query(Integer.class).single()).isEqualTo(1);
        String sha256 = jdbc.sql("select sha256 from evidence_item where recorded_by = ?").param(examiner.id()).query(String.class).single();
        assertThat(sha256).isEqualTo(Sha256.hex(content));
    }

    /**
     * The client resumes from what the server holds. The server keeps the bytes of the PATCH the
     * network cut as soon as it notices the cut; a client that resumed before that would be told
     * 409 and ask again. Like a client retrying after a pause, wait until the offset has settled.
     */
    private static TusUploader awaitResumed(TusClient client, Callable<TusUpload> upload) throws Exception {
        TusUploader uploader = client.resumeOrCreateUpload(upload.call());
        long seen = -1;
        for (int i = 0; i < 50 && uploader.getOffset() != seen; i++) {
            seen = uploader.getOffset();
            Thread.sleep(300);
            uploader = client.resumeOrCreateUpload(upload.call()); // a fresh upload: each uploader moves its file stream to the offset
        }
        uploader.setChunkSize(256 * 1024);
        uploader.setRequestPayloadSize(1024 * 1024);
        return uploader;
    }

    private static TusClient client(int port, String token, TusURLMemoryStore urls) throws Exception {
        TusClient client = new TusClient();
        client.setUploadCreationURL(new URL("http://127.0.0.1:" + port + "/api/v1/uploads"));
        client.enableResuming(urls);
        client.setHeaders(Map.of("Authorization", "Bearer " + token));
        return client;
    }
}
