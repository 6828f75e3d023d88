package org.comity.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which node to talk to and with which API token, for every command that calls a node. The token
 * comes from {@code --token-file} or {@code COMITY_TOKEN}, never from the command line, so it stays
 * out of shell history and process lists.
 */
final class NodeOptions {

    @Option(names = "--url", description = "the node (default: $COMITY_URL or http://localhost:8081)")
    String url;

    @Option(names = "--token-file", description = "file holding the API token (default: $COMITY_TOKEN)")
    Path tokenFile;

    /** The token, or null when none was given. */
    String token() throws IOException {
        String token = tokenFile != null ? Files.readString(tokenFile).strip() : System.getenv("COMITY_TOKEN");
        return token == null || token.isBlank() ? null : token;
    }

    /** The node's base URL without a trailing slash. */
    String base() {
        return (url != null ? url : System.getenv().getOrDefault("COMITY_URL", "http://localhost:8081")).replaceAll("/+$", "");
    }
}
