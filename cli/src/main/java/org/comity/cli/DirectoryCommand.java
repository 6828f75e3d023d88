package org.comity.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.comity.custody.keys.SigningKey;
import org.comity.custody.trust.TrustList;
import org.comity.custody.trust.TrustListRejected;
import org.comity.custody.trust.TrustLists;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The directory operator's tools (docs/operations.md, "Keys and the trust list"): a directory key,
 * a trust list built from the nodes' own descriptions and signed with it, and its installation.
 */
@Command(name = "directory", mixinStandardHelpOptions = true, description = "Directory key and trust lists.",
        subcommands = {DirectoryCommand.Key.class, DirectoryCommand.Build.class, DirectoryCommand.Install.class, DirectoryCommand.Demo.class})
final class DirectoryCommand implements Runnable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void run() {
        System.out.println("Use: comity directory key | build | install (--help for each)");
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Create the directory's Ed25519 key (kept if the file exists) and write its public JWK set for the nodes.")
    static final class Key implements Callable<Integer> {
        @Option(names = "--private", required = true, description = "private key file (JWK, readable by its owner only)")
        Path privateFile;

        @Option(names = "--public", required = true, description = "public JWK set to configure on nodes (comity.exchange.directory-key-file)")
        Path publicFile;

        @Override
        public Integer call() throws IOException {
            SigningKey key;
            if (Files.exists(privateFile)) {
                key = SigningKey.fromPrivateJson(Files.readString(privateFile));
                System.out.println("Kept the directory key " + key.kid() + " in " + privateFile);
            } else {
                key = SigningKey.generate();
                writePrivate(privateFile, key.toPrivateJson());
                System.out.println("Created the directory key " + key.kid() + " in " + privateFile);
            }
            Files.createDirectories(publicFile.toAbsolutePath().getParent());
            Files.writeString(publicFile, "{\"keys\":[" + key.publicJwk().toJSONString() + "]}\n");
            System.out.println("Public key set for the nodes: " + publicFile);
            return 0;
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Fetch each node's description (/.well-known/comity-node.json), merge them and sign the trust list.")
    static final class Build implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "base URLs of the nodes to list")
        List<URI> nodes;

        @Option(names = "--key", required = true, description = "the directory's private key file")
        Path keyFile;

        @Option(names = "--out", required = true, description = "where to write the signed list (compact JWS)")
        Path out;

        @Option(names = "--serial", description = "serial; must grow with every list (default: the time in seconds)")
        Long serial;

        @Option(names = "--issuer", defaultValue = "Comity directory", description = "who issues the list")
        String issuer;

        @Option(names = "--valid-days", defaultValue = "30", description = "days until the next list is promised")
        int validDays;

        @Option(names = "--endpoint", description = "NODE=URL: publish another endpoint for a node (a proxy or gateway)")
        Map<String, URI> endpoints = new LinkedHashMap<>();

        @Option(names = "--statistics-node", description = "the node designated as the federation's statistics node (role statistics):"
                + " the nodes that publish aggregates send them there, and it accepts them from the listed nodes")
        String statisticsNode;

        @Override
        public Integer call() throws IOException, InterruptedException {
            SigningKey key = SigningKey.fromPrivateJson(Files.readString(keyFile));
            List<TrustList> parts = new ArrayList<>();
            for (URI node : nodes) {
                parts.add(designate(description(node, endpoints), statisticsNode));
            }
            if (statisticsNode != null && parts.stream().flatMap(p -> p.nodes().stream()).noneMatch(n -> n.id().equals(statisticsNode))) {
                System.err.println("comity: --statistics-node " + statisticsNode + " is none of the listed nodes");
                return 1;
            }
            Instant now = Instant.now();
            TrustList list;
            try {
                list = TrustLists.merge(serial == null ? now.getEpochSecond() : serial, issuer, now, now.plus(Duration.ofDays(validDays)), parts);
            } catch (TrustListRejected e) {
                System.err.println("comity: the nodes' descriptions do not make a valid list: " + e.getMessage());
                return 1;
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, TrustLists.sign(list, key) + "\n");
            System.out.printf("Trust list %d signed with %s: %d state(s), %d node(s), %d authorities -> %s%n", list.serial(), key.kid(),
                    list.states().size(), list.nodes().size(), list.authorities().size(), out);
            return 0;
        }
    }

    /** A node's description with the directory's roles: statistics for the designated node, none for the others (a node does not designate itself). */
    static TrustList designate(TrustList part, String statisticsNode) {
        List<TrustList.NodeEntry> nodes = part.nodes().stream()
                .map(n -> n.withRoles(n.id().equals(statisticsNode) ? List.of(TrustList.NodeEntry.STATISTICS) : List.of()))
                .toList();
        return new TrustList(part.serial(), part.issuedAt(), part.nextUpdate(), part.issuer(), part.states(), nodes, part.authorities(), part.contacts());
    }

    /** A node's description, its endpoint replaced when asked. */
    static TrustList description(URI node, Map<String, URI> endpoints) throws IOException, InterruptedException {
        URI url = URI.create(node.toString().replaceAll("/+$", "") + "/.well-known/comity-node.json");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        TrustList part;
        try {
            part = TrustLists.parseUnsigned(response.body());
        } catch (TrustListRejected e) {
            throw new IOException(url + " does not describe a node: " + e.getMessage());
        }
        List<TrustList.NodeEntry> nodes = part.nodes().stream()
                .map(n -> endpoints.containsKey(n.id()) ? n.at(endpoints.get(n.id())) : n)
                .toList();
        return new TrustList(part.serial(), part.issuedAt(), part.nextUpdate(), part.issuer(), part.states(), nodes, part.authorities(), part.contacts());
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = "Install a signed trust list on a node (administrator's API token).")
    static final class Install implements Callable<Integer> {
        @Parameters(index = "0", description = "the signed list")
        Path list;

        @Option(names = "--url", required = true, description = "the node's base URL")
        URI url;

        @Option(names = "--token", required = true, description = "an administrator's API token on that node")
        String token;

        @Override
        public Integer call() throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url.toString().replaceAll("/+$", "") + "/api/v1/admin/trust-list"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/jose")
                    .PUT(HttpRequest.BodyPublishers.ofString(Files.readString(list).strip()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                System.err.println("comity: " + url + " refused the trust list (" + response.statusCode() + "): " + response.body());
                return 1;
            }
            System.out.println("Installed on " + url);
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, hidden = true,
            description = "For ./comity demo: wait for the demo nodes' summaries, then build, sign and install their trust list on each.")
    static final class Demo implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "the demo summary files (data/demo/xa.json ...)")
        List<Path> summaries;

        @Option(names = "--key", required = true)
        Path keyFile;

        @Option(names = "--out", required = true)
        Path out;

        @Option(names = "--timeout", defaultValue = "300", description = "seconds to wait for the nodes")
        int timeout;

        @Option(names = "--statistics-node", description = "the node designated as the statistics node")
        String statisticsNode;

        @Override
        public Integer call() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
            List<URI> urls = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (Path summary : summaries) {
                while (!Files.exists(summary)) {
                    if (System.nanoTime() > deadline) {
                        System.err.println("comity: " + summary + " did not appear; see the node's log");
                        return 1;
                    }
                    Thread.sleep(250);
                }
                Map<String, Object> json = org.comity.custody.json.Json.parseObject(Files.readString(summary), 1 << 20);
                urls.add(URI.create((String) json.get("url")));
                tokens.add(((List<?>) json.get("users")).stream().map(u -> (Map<?, ?>) u)
                        .filter(u -> "admin".equals(u.get("username"))).map(u -> (String) u.get("apiToken")).findFirst().orElseThrow());
            }
            Build build = new Build();
            build.nodes = urls;
            build.keyFile = keyFile;
            build.out = out;
            build.issuer = "Comity demo directory";
            build.validDays = 30;
            build.statisticsNode = statisticsNode;
            if (build.call() != 0) {
                return 1;
            }
            for (int i = 0; i < urls.size(); i++) {
                Install install = new Install();
                install.list = out;
                install.url = urls.get(i);
                install.token = tokens.get(i);
                if (install.call() != 0) {
                    return 1;
                }
            }
            System.out.println();
            System.out.println("  The Comity demo federation is ready: two nodes that trust each other through the demo directory.");
            for (Path summary : summaries) {
                Map<String, Object> json = org.comity.custody.json.Json.parseObject(Files.readString(summary), 1 << 20);
                System.out.printf("%n  %s \"%s\"  %s%n", json.get("node"), json.get("name"), json.get("url"));
                for (Object u : (List<?>) json.get("users")) {
                    Map<?, ?> user = (Map<?, ?>) u;
                    System.out.printf("    %-14s %-46s token %s%n", user.get("username"), user.get("authority"), user.get("apiToken"));
                }
            }
            System.out.println();
            System.out.println("  Every demo user's password: Comity-demo-2026!   Logins and tokens as JSON: " + summaries);
            System.out.println("  The README's tour walks a request from Aurelia to Borealis and back.");
            System.out.println();
            return 0;
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp");
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
