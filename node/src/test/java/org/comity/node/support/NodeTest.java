package org.comity.node.support;

import org.comity.node.account.Accounts;
import org.comity.node.directory.Directory;
import org.comity.node.platform.ComityProperties;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole node on a random port, on its own fresh PostgreSQL database, reached over real HTTP.
 * Test classes that extend this share one node; each builds its own authorities and users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "comity.node.id=XA",
        "comity.node.name=Aurelia",
        "comity.security.keystore-passphrase=test-keystore-passphrase",
        "comity.deadlines.scan-interval=PT1H",
        "logging.level.org.comity=WARN"})
@ContextConfiguration(initializers = TestDatabase.class)
public abstract class NodeTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Directory directory;

    @Autowired
    protected Accounts accounts;

    @Autowired
    protected ComityProperties properties;

    protected Fixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new Fixtures(directory, accounts, properties);
    }

    protected Http http(String token) {
        return new Http(port, token);
    }

    protected Http anonymous() {
        return new Http(port, null);
    }
}
