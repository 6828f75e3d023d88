package org.comity.node.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One PostgreSQL dialect everywhere: the node's own embedded server by default, an external server
 * when {@code comity.database.url} is set.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(ComityProperties properties, DatabaseServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(20);
        config.setPoolName("comity");
        config.setAutoCommit(true);
        // A batch of inserts (a change's events, the ledger's entries, the statistics' cells) goes as one
        // multi-row statement instead of one round trip per row. No caller reads a batch's row counts.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(ComityProperties properties) {
        return DatabaseServer.from(properties);
    }
}
