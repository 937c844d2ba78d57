package dev.ferry.testkit.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ceph's RADOS Gateway serving S3 on a loopback port: a throwaway single-node Ceph cluster (one
 * monitor, one OSD keeping its data in memory) started by the project's shared script
 * {@code ../shared/tools/ceph-rgw.sh}, which verifies SigV4, signed chunks and Content-MD5 as a
 * production Ceph does. Run as root, the script first installs Debian's Ceph packages when they are
 * missing (about a minute, once per machine); a start takes about 15 s.
 *
 * <p>The script is found beside the project: the testkit walks up from the working directory to the
 * project root (the folder holding {@code mvnw}) and takes {@code ../shared/tools/ceph-rgw.sh} from
 * there; the system property {@value #SCRIPT_PROPERTY} names another. Each server gets its own
 * {@code CEPH_RGW_HOME} in a fresh temporary folder and free loopback ports, so runs do not collide,
 * and is stopped by {@link #close()} or, failing that, when the JVM exits.
 *
 * <p>Where it cannot run (script absent, packages missing and no root to install them, a failed
 * start) {@link #start()} throws {@link ServerUnavailableException} with the script's reason.
 */
public final class RgwServer implements S3TestServer, AutoCloseable {
    public static final String ACCESS_KEY = "ferry-rgw-access";
    /** Reserved characters on purpose: they must survive the signing key derivation. */
    public static final String SECRET_KEY = "ferry-rgw-secret/with+reserved=chars";
    public static final String REGION = "us-east-1";
    /** A system property naming the start script, instead of {@value #SCRIPT} beside the project root. */
    public static final String SCRIPT_PROPERTY = "ferry.s3.rgw.script";
    static final String SCRIPT = "../shared/tools/ceph-rgw.sh";

    private static final Logger log = LoggerFactory.getLogger(RgwServer.class);
    /**
     * The shared script's fresh monitor sometimes answers the first commands of the OSD or of
     * {@code ceph osd new} with "wrong fsid" (EPERM): the client's first monmap is not there yet. It
     * fails fast (about a second) and a second start works, so a few attempts make startup reliable.
     */
    private static final int ATTEMPTS = 4;
    /** A start includes installing the Ceph packages on a machine that lacks them. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

    private final Path script;
    private final Path home;
    private final int port;
    private final URI endpoint;
    private final String version;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private RgwServer(Path script, Path home, int port, String version) {
        this.script = script;
        this.home = home;
        this.port = port;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.version = version;
        // The daemons run in their own sessions and outlive this JVM unless stopped.
        this.shutdownHook = new Thread(this::stopCluster, "ferry-rgw-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a cluster and returns once RGW answers with the test user in place.
     *
     * @throws ServerUnavailableException when RGW cannot run here, with the reason
     */
    public static RgwServer start() {
        Path script = locateScript();
        Path home;
        try {
            home = Files.createTempDirectory("ferry-ceph-rgw-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the Ceph cluster", e);
        }
        long started = System.nanoTime();
        log.info("Ceph RGW: starting a throwaway cluster with {} (as root it installs Debian's Ceph packages first when missing)", script);
        String reason = "no attempt was made";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int port = freePortPair();
            Path output = home.resolve("start-" + attempt + ".log");
            Outcome outcome = run(script, home, START_TIMEOUT, output, "start", Integer.toString(port));
            if (outcome.exitCode() == 0) {
                String version = versionIn(outcome.output());
                log.info("Ceph RGW {} up at http://127.0.0.1:{} in {} s{}{}", version, port,
                        String.format("%.1f", (System.nanoTime() - started) / 1e9),
                        attempt > 1 ? " (attempt " + attempt + ")" : "",
                        outcome.output().contains("ceph-rgw: installing") ? ", the Ceph packages installed first" : "");
                return new RgwServer(script, home, port, version);
            }
            reason = outcome.reason();
            if (!worthRetrying(outcome)) {
                break;
            }
            log.warn("Ceph RGW: attempt {} of {} failed ({}); the last lines it wrote:\n{}", attempt, ATTEMPTS, reason,
                    outcome.tail(15));
        }
        deleteRecursively(home);
        throw new ServerUnavailableException("Ceph RGW cannot start here: " + reason);
    }

    /** The project's start script, or why there is none. */
    static Path locateScript() {
        String configured = System.getProperty(SCRIPT_PROPERTY);
        Path script;
        if (configured != null && !configured.isBlank()) {
            script = Path.of(configured).toAbsolutePath().normalize();
        } else {
            Path root = projectRoot(Path.of("").toAbsolutePath());
            if (root == null) {
                throw new ServerUnavailableException("Ceph RGW cannot start here: no project root (a folder with mvnw) above "
                        + Path.of("").toAbsolutePath() + ", so " + SCRIPT + " cannot be found (or set -D" + SCRIPT_PROPERTY + ")");
            }
            script = root.resolve(SCRIPT).normalize();
        }
        if (!Files.isRegularFile(script)) {
            throw new ServerUnavailableException("Ceph RGW cannot start here: its start script " + script
                    + " is absent (it is " + SCRIPT + " relative to the project root)");
        }
        return script;
    }

    static @Nullable Path projectRoot(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return null;
    }

    /** What a run of the script printed, and how it ended. */
    record Outcome(int exitCode, String output) {
        /** The script's own reason ({@code ceph-rgw.sh: ...}), else its last line. */
        String reason() {
            if (exitCode == -1) {
                return output;
            }
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("ceph-rgw.sh: ")) {
                    return lines.get(i).substring("ceph-rgw.sh: ".length());
                }
            }
            return lines.isEmpty() ? "the script exited with " + exitCode + " and printed nothing"
                    : "the script exited with " + exitCode + ": " + lines.get(lines.size() - 1);
        }

        String tail(int count) {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }
    }

    /** Missing packages without root, or a missing shell, do not go away by trying again. */
    static boolean worthRetrying(Outcome outcome) {
        String reason = outcome.reason();
        return outcome.exitCode() > 0 && !reason.startsWith("missing:") && !reason.startsWith("need a");
    }

    static String versionIn(String output) {
        int at = output.indexOf("(radosgw ");
        if (at < 0) {
            return "(version unknown)";
        }
        int end = output.indexOf(',', at);
        return end < 0 ? "(version unknown)" : output.substring(at + "(radosgw ".length(), end).trim();
    }

    private static Outcome run(Path script, Path home, Duration timeout, Path output, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("CEPH_RGW_HOME", home.toString());
        env.put("CEPH_RGW_ACCESS_KEY", ACCESS_KEY);
        env.put("CEPH_RGW_SECRET_KEY", SECRET_KEY);
        env.putIfAbsent("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Outcome(-1, "the script did not finish '" + args[0] + "' within " + timeout.toMinutes() + " minutes");
            }
            return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Outcome(-1, "cannot run bash " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted while running " + script);
        }
    }

    /**
     * A free loopback port whose successor is free too: the script puts the monitor on PORT+1.
     * Both are bound here together, so neither is the other's accident; another process may still
     * take one before the script binds it, and the script then says so and the start is retried.
     */
    static int freePortPair() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 100; i++) {
            try (ServerSocket first = new ServerSocket(0, 1, loopback)) {
                int port = first.getLocalPort();
                if (port >= 65535) {
                    continue;
                }
                try (ServerSocket second = new ServerSocket(port + 1, 1, loopback)) {
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port", e);
            }
        }
        throw new IllegalStateException("found no two free neighbouring loopback ports in 100 tries");
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String region() {
        return REGION;
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    /** The radosgw version the script reported, such as {@code 16.2.15}. */
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return "Ceph RGW " + version + " at " + endpoint;
    }

    /** Stops the daemons and deletes the cluster's folder. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the cluster
        }
        stopCluster();
    }

    private void stopCluster() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Outcome outcome = run(script, home, STOP_TIMEOUT, home.resolve("stop.log"), "stop", Integer.toString(port));
        if (outcome.exitCode() != 0) {
            log.warn("Ceph RGW on port {}: stop failed ({}); its daemons may still run, see {}", port, outcome.reason(), home);
            return;
        }
        deleteRecursively(home);
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, @Nullable IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temporary folder is untidy, not wrong.
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
