package org.comity.node.evidence.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import org.comity.node.evidence.BlobStore;
import org.comity.node.platform.ComityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The vault: the filesystem store by default, S3 when configured; both seal what they keep with the vault's keys. */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(ComityProperties properties, VaultKeys keys, Clock clock) throws IOException {
        ComityProperties.BlobStore config = properties.blobStore();
        BlobStore store = switch (config.type()) {
            case "filesystem" -> {
                FilesystemBlobStore fs = new FilesystemBlobStore(properties.blobDir(), keys.cipher());
                fs.migrateLegacy();
                yield fs;
            }
            case "s3" -> s3(config.s3(), keys.cipher());
            default -> throw new IllegalStateException("Unknown blob store '" + config.type() + "': use 'filesystem' or 's3'.");
        };
        store.removeAbandoned(clock.instant().minus(config.abandonedAfter()));
        return store;
    }

    static S3BlobStore s3(ComityProperties.S3 config, VaultCipher cipher) {
        if (config.bucket() == null || config.bucket().isBlank()) {
            throw new IllegalStateException("Set COMITY_BLOB_S3_BUCKET: the S3 blob store needs a bucket.");
        }
        S3Client client = client(config);
        try {
            client.headBucket(b -> b.bucket(config.bucket()));
        } catch (SdkException e) {
            client.close();
            throw new IllegalStateException("Cannot reach S3 bucket '" + config.bucket() + "' at "
                    + (config.endpoint() == null ? "AWS" : config.endpoint()) + ": " + e.getMessage(), e);
        }
        return new S3BlobStore(client, config.bucket(), config.prefix(), cipher, config.partSize().toBytes(),
                "when-supported".equals(config.checksum()));
    }

    static S3Client client(ComityProperties.S3 config) {
        AwsCredentialsProvider credentials = config.accessKeyId() == null || config.accessKeyId().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
        boolean always = "when-supported".equals(config.checksum());
        var builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(always ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(always ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED);
        if (config.endpoint() != null && !config.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        return builder.build();
    }
}
