package org.comity.node.support;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas published in docs/formats, applied by an independent validator to what the node
 * really produces: another team implements a compatible node from those schemas, so what we send
 * must meet them.
 */
public final class FormatSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private FormatSchemas() {}

    /** The problems the schema {@code docs/formats/<file>} finds in {@code json}; empty when it conforms. */
    public static List<String> problems(String file, String json) {
        Schema schema = LOADED.computeIfAbsent(file, FormatSchemas::load);
        return schema.validate(json, InputFormat.JSON).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static Schema load(String file) {
        Path path = locate(file);
        try (InputStream in = Files.newInputStream(path)) {
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/formats from the module's directory (Maven runs tests there) or the repository's. */
    private static Path locate(String file) {
        for (Path base : List.of(Path.of("..", "docs", "formats"), Path.of("docs", "formats"))) {
            if (Files.isRegularFile(base.resolve(file))) {
                return base.resolve(file);
            }
        }
        throw new IllegalStateException("docs/formats/" + file + " not found from " + Path.of("").toAbsolutePath());
    }
}
