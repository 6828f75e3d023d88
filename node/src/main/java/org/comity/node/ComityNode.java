package org.comity.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** A Comity node: one state's (or one large authority's) place in the federation. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ComityNode {

    public static void main(String[] args) {
        SpringApplication.run(ComityNode.class, args);
    }
}
