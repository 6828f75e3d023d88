package org.comity.node.persistence;

import org.comity.node.support.TestDatabase;
import org.springframework.test.context.ContextConfiguration;

/** The persistence contract on the embedded PostgreSQL the node runs by default. */
@ContextConfiguration(initializers = TestDatabase.class)
class EmbeddedPersistenceTest extends PersistenceContract {}
