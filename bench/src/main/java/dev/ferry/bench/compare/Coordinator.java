package dev.ferry.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side comparison. Starts the sink and S3Proxy, each in a JVM of its own, then runs every
 * client on every workload in a JVM of its own, alternating clients (A B C ... A B C ...) over
 * {@code rounds}, and measures the server's CPU around each run from /proc. Writes every run's
 * result to {@code results.json} and the summary, with ratios taken within each round, to
 * {@code summary.md} in the output directory.
 *
 * <pre>java -cp ... dev.ferry.bench.compare.Coordinator rounds=3 servers=sink,s3proxy workloads=put4k,multipart,get1m out=bench/results</pre>
 */
public final class Coordinator {
    private final Map<String, String> args;
    private final String classpath;
    private final Path out;
    private final List<Map<String, Object>> results = new ArrayList<>();

    private Coordinator(Map<String, String> args) {
        this.args = args;
        this.classpath = System.getProperty("java.class.path");
        this.out = Path.of(args.getOrDefault("out", "bench/results"))
                .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
    }

    public static void main(String[] argv) throws Exception {
        new Coordinator(ClientRunner.parse(argv)).run();
    }

    private List<String> list(String name, String fallback) {
        return Arrays.asList(args.getOrDefault(name, fallback).split(","));
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        int rounds = Integer.parseInt(args.getOrDefault("rounds", "3"));
        List<String> servers = list("servers", "sink,s3proxy");
        List<String> workloads = list("workloads", "put4k,multipart,get1m");
        List<String> clients = list("clients", String.join(",", ClientRunner.CLIENTS));
        String clientJvm = args.getOrDefault("clientJvm", "-Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch");
        Map<String, Server> started = new LinkedHashMap<>();
        try {
            for (String s : servers) {
                started.put(s, Server.start(s, classpath));
                System.out.println("started " + s + " at " + started.get(s).endpoint + " (pid " + started.get(s).process.pid() + ")");
            }
            // Servers are JVMs too: let their JIT settle before anything is measured, with one
            // unrecorded run per server and workload.
            if (!"0".equals(args.getOrDefault("serverWarmup", "1"))) {
                for (String server : servers) {
                    for (String workload : workloads) {
                        runOne(0, started.get(server), server, workload, clients.get(0), clientJvm);
                    }
                }
            }
            for (int round = 1; round <= rounds; round++) {
                for (String server : servers) {
                    for (String workload : workloads) {
                        for (String client : clients) {
                            Server srv = started.get(server);
                            results.add(quietRun(round, srv, server, workload, client, clientJvm));
                            writeResults();
                        }
                    }
                }
            }
        } finally {
            for (Server s : started.values()) {
                s.process.destroy();
                s.process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Path summary = out.resolve("summary.md");
        Files.writeString(summary, Summary.markdown(results, machine(), args));
        System.out.println("\n" + Files.readString(summary));
        System.out.println("results in " + out);
    }

    /**
     * Runs once, and again (up to {@code attempts} times, after a pause) while other processes took
     * more than {@code quiet} cores during the window; keeps the least disturbed attempt.
     */
    private Map<String, Object> quietRun(int round, Server srv, String server, String workload, String client, String clientJvm)
            throws Exception {
        double quiet = Double.parseDouble(args.getOrDefault("quiet", "0.3"));
        int attempts = Integer.parseInt(args.getOrDefault("attempts", "3"));
        Map<String, Object> best = null;
        for (int a = 1; a <= attempts; a++) {
            Map<String, Object> r = runOne(round, srv, server, workload, client, clientJvm);
            r.put("attempt", a);
            double other = num(r, "otherCores");
            if (best == null || (!Double.isNaN(other) && other < num(best, "otherCores"))) {
                best = r;
            }
            if (Double.isNaN(other) || other <= quiet || r.containsKey("error")) {
                break;
            }
            Thread.sleep(Long.parseLong(args.getOrDefault("pauseSeconds", "20")) * 1000);
        }
        return best;
    }

    private Map<String, Object> runOne(int round, Server srv, String server, String workload, String client, String clientJvm)
            throws Exception {
        Path file = out.resolve(String.format("r%d-%s-%s-%s.json", round, server, workload, client));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(clientJvm.trim().split("\\s+")));
        String extra = args.get("jvm." + client);
        if (extra != null) {
            cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", classpath, ClientRunner.class.getName(), "client=" + client, "workload=" + workload,
                "endpoint=" + srv.endpoint, "sink=" + server.equals("sink"), "serverPid=" + srv.process.pid(), "out=" + file));
        for (String pass : List.of("warmup", "measure", "uploads", "objectSize")) {
            if (args.containsKey(pass)) {
                cmd.add(pass + "=" + args.get(pass));
            }
        }
        double load = loadAverage();
        long serverCpuBefore = srv.cpuTicks();
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve(file.getFileName() + ".log").toFile()).start();
        boolean finished = p.waitFor(20, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        long serverCpuAfter = srv.cpuTicks();
        Map<String, Object> r;
        if (Files.exists(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = new ObjectMapper().readValue(file.toFile(), Map.class);
            r = read;
        } else {
            r = new LinkedHashMap<>();
            r.put("client", client);
            r.put("workload", workload);
            r.put("error", finished ? "the client JVM wrote no result (exit " + p.exitValue() + "); see " + file.getFileName() + ".log"
                    : "timed out after 20 minutes");
        }
        r.put("round", round);
        r.put("server", server);
        r.put("loadAverageBefore", load);
        r.put("wallSeconds", (System.nanoTime() - started) / 1e9);
        // The server's CPU over the whole client JVM's life (warm-up included), for context only.
        r.put("serverCpuSecondsWholeRun", (serverCpuAfter - serverCpuBefore) / (double) CLOCK_TICKS);
        System.out.printf("round %d %-8s %-9s %-16s %s%n", round, server, workload, client, brief(r));
        return r;
    }

    private static String brief(Map<String, Object> r) {
        if (r.containsKey("error") && !r.containsKey("opsPerSecond")) {
            return "ERROR " + r.get("error");
        }
        return String.format("%9.1f ops/s %8.1f MB/s p50 %7.2f ms p99 %7.2f ms cpu/1k %6.3f s alloc/op %,d others %.2f cores%s",
                num(r, "opsPerSecond"), num(r, "mbPerSecond"), num(r, "p50Millis"), num(r, "p99Millis"),
                num(r, "cpuSecondsPer1000Ops"), (long) num(r, "allocatedBytesPerOp"), num(r, "otherCores"),
                r.containsKey("error") ? " ERROR " + r.get("error") : "");
    }

    static double num(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private void writeResults() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out.resolve("results.json"), json.writeValueAsString(results));
    }

    static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux: the summary says less
        }
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("date", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        return m;
    }

    /** A server JVM: the sink or S3Proxy. */
    static final class Server {
        final Process process;
        final String endpoint;

        private Server(Process process, String endpoint) {
            this.process = process;
            this.endpoint = endpoint;
        }

        static Server start(String name, String classpath) throws IOException {
            String main = switch (name) {
                case "sink" -> "dev.ferry.bench.sink.SinkServer";
                case "s3proxy" -> S3ProxyMain.class.getName();
                default -> throw new IllegalArgumentException("unknown server '" + name + "'; sink or s3proxy");
            };
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms2g", "-Xmx2g", "-cp", classpath, main));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("SINK ") || line.startsWith("S3PROXY ")) {
                    String endpoint = line.substring(line.indexOf(' ') + 1).trim();
                    Thread drain = new Thread(() -> {
                        try {
                            while (reader.readLine() != null) {
                                // keep the pipe from filling up
                            }
                        } catch (IOException ignored) {
                            // the server ended
                        }
                    });
                    drain.setDaemon(true);
                    drain.start();
                    return new Server(p, endpoint);
                }
            }
            throw new IOException(name + " ended before it said where it listens");
        }

        /** utime + stime of the server process, in clock ticks. */
        long cpuTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
