package org.comity.node.directory.internal;

import org.comity.node.directory.Directory;
import org.comity.node.directory.NodeEntry;
import org.comity.node.directory.State;
import org.comity.node.platform.ComityProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Registers this node and its state in the directory at start-up, so authorities can be attached to it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectoryBootstrap implements ApplicationRunner {

    private final Directory directory;
    private final ComityProperties properties;

    DirectoryBootstrap(Directory directory, ComityProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        ComityProperties.Node node = properties.node();
        directory.ensureState(new State(node.state(), node.name()));
        directory.ensureNode(new NodeEntry(node.id(), node.name(), node.state(), node.publicUrl(), true));
    }
}
