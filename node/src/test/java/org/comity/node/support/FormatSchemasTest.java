package org.comity.node.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schema check that the two-node tests apply to real messages does refuse what the schemas forbid. */
class FormatSchemasTest {

    @Test
    void aMessageMissingItsFieldsOrWithAnUnknownOneIsRefused() {
        assertThat(FormatSchemas.problems("envelope.schema.json", "{\"schema\":\"comity.message/1\"}"))
                .anySatisfy(p -> assertThat(p).contains("conversation"));
        assertThat(FormatSchemas.problems("envelope.schema.json", "{\"schema\":\"comity.message/2\",\"extra\":1}"))
                .anySatisfy(p -> assertThat(p).contains("extra"))
                .anySatisfy(p -> assertThat(p).contains("schema"));
        assertThat(FormatSchemas.problems("trust-list.schema.json", "[]")).isNotEmpty();
    }
}
