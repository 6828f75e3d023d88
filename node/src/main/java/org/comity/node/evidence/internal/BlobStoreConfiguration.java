package org.comity.node.evidence.internal;

import java.io.IOException;
import org.comity.node.evidence.BlobStore;
import org.comity.node.platform.ComityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(ComityProperties properties) throws IOException {
        String type = properties.blobStore().type();
        if (!"filesystem".equals(type)) {
            throw new IllegalStateException("Unknown blob store '" + type + "': this version supports 'filesystem'.");
        }
        return new FilesystemBlobStore(properties.blobDir());
    }
}
