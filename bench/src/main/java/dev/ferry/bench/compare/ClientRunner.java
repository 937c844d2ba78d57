package dev.ferry.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One client, one workload, one run, in a JVM of its own: warm up, then measure ops, bytes, latency,
 * CPU and allocation over a fixed window, and write the result as JSON.
 *
 * <pre>java -cp ... dev.ferry.bench.compare.ClientRunner client=ferry workload=put4k endpoint=http://127.0.0.1:PORT out=r.json</pre>
 */
public final class ClientRunner {
    static final String ACCESS_KEY = "ferry-test-access-key";
    static final String SECRET_KEY = "ferry-test-secret-key/with+reserved=chars";
    static final List<String> CLIENTS = List.of("ferry", "ferry-cheap", "aws-netty", "aws-netty-cheap", "aws-crt", "aws-crt-cheap", "minio");

    private final Map<String, String> args;
    private final BenchClient client;
    private final String bucket;
    private final Workload workload;

    private ClientRunner(Map<String, String> args) {
        this.args = args;
        this.workload = Workload.of(args.get("workload"));
        URI endpoint = URI.create(args.get("endpoint"));
        this.bucket = args.getOrDefault("bucket", "bench");
        Measurement.serverPid = Long.parseLong(args.getOrDefault("serverPid", "0"));
        this.client = client(args.get("client"), endpoint, workload.concurrency);
    }

    static BenchClient client(String name, URI endpoint, int connections) {
        return switch (name) {
            case "ferry" -> new FerryClient(endpoint, ACCESS_KEY, SECRET_KEY, connections, false);
            case "ferry-cheap" -> new FerryClient(endpoint, ACCESS_KEY, SECRET_KEY, connections, true);
            case "aws-netty" -> new AwsClient(endpoint, ACCESS_KEY, SECRET_KEY, connections, false, false);
            case "aws-netty-cheap" -> new AwsClient(endpoint, ACCESS_KEY, SECRET_KEY, connections, false, true);
            case "aws-crt" -> new AwsClient(endpoint, ACCESS_KEY, SECRET_KEY, connections, true, false);
            case "aws-crt-cheap" -> new AwsClient(endpoint, ACCESS_KEY, SECRET_KEY, connections, true, true);
            case "minio" -> new MinioClient(endpoint, ACCESS_KEY, SECRET_KEY, connections);
            default -> throw new IllegalArgumentException("unknown client '" + name + "'; one of " + CLIENTS);
        };
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        ClientRunner runner = new ClientRunner(args);
        Map<String, Object> result;
        try {
            result = runner.run();
        } finally {
            runner.client.close();
        }
        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        String out = args.get("out");
        if (out != null) {
            Files.writeString(Path.of(out), json);
        } else {
            System.out.println(json);
        }
        System.exit(result.containsKey("error") ? 1 : 0);
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are name=value, got '" + a + "'");
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return args;
    }

    private double number(String name, double fallback) {
        String v = args.get(name);
        return v == null ? fallback : Double.parseDouble(v);
    }

    private Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("client", args.get("client"));
        result.put("workload", workload.name);
        result.put("endpoint", args.get("endpoint"));
        result.put("concurrency", workload.concurrency);
        result.put("integrity", client.integrity());
        boolean sink = Boolean.parseBoolean(args.getOrDefault("sink", "false"));
        if (sink) {
            captured(); // forget earlier runs' requests
        }
        this.<Void>await(done -> client.createBucket(bucket, done), true);

        Outcome outcome = switch (workload.kind) {
            case PUT -> closedLoop((slot, done) -> client.put(bucket, "put-" + slot, workload.data, (v, e) -> done.done(workload.size, e)));
            case GET -> {
                this.<Void>await(done -> client.put(bucket, "get-object", workload.data, done), false);
                yield closedLoop((slot, done) -> client.get(bucket, "get-object", (n, e) -> {
                    if (e == null && n != workload.size) {
                        e = new IllegalStateException("read " + n + " bytes, expected " + workload.size);
                    }
                    done.done(workload.size, e);
                }));
            }
            case MULTIPART -> multipart();
        };
        outcome.into(result, workload);
        if (sink) {
            result.put("sent", new ObjectMapper().readValue(captured(), Map.class));
        }
        return result;
    }

    private String captured() throws IOException, InterruptedException {
        URI uri = URI.create(args.get("endpoint") + "/__sink/captured");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private <T> T await(java.util.function.Consumer<BenchClient.Done<T>> call, boolean ignoreError) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        call.accept((v, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            } else {
                f.complete(v);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (ignoreError) {
                return null;
            }
            throw e;
        }
    }

    interface Op {
        void start(int slot, BenchClient.Done<Integer> done);
    }

    /** Measured window: ops, bytes and latencies of operations that completed inside it. */
    static final class Outcome {
        long ops;
        long bytes;
        long errors;
        String firstError;
        Histogram latency;
        Measurement start;
        Measurement end;

        void into(Map<String, Object> r, Workload w) {
            double seconds = (end.nanos - start.nanos) / 1e9;
            double cpu = (end.cpuNanos - start.cpuNanos) / 1e9;
            long alloc = end.allocatedSince(start);
            r.put("seconds", seconds);
            r.put("ops", ops);
            r.put("bytes", bytes);
            r.put("errors", errors);
            if (firstError != null) {
                r.put("firstError", firstError);
            }
            r.put("opsPerSecond", ops / seconds);
            r.put("mbPerSecond", bytes / seconds / 1e6);
            r.put("p50Millis", latency.getValueAtPercentile(50) / 1e6);
            r.put("p99Millis", latency.getValueAtPercentile(99) / 1e6);
            r.put("maxMillis", latency.getMaxValue() / 1e6);
            r.put("cpuSeconds", cpu);
            r.put("cpuSecondsPerGB", bytes == 0 ? 0 : cpu / (bytes / 1e9));
            r.put("cpuSecondsPer1000Ops", ops == 0 ? 0 : cpu / ops * 1000);
            r.put("allocatedBytes", alloc);
            r.put("allocatedBytesPerOp", ops == 0 ? 0 : alloc / ops);
            if (start.serverTicks >= 0 && end.serverTicks >= 0) {
                double server = (end.serverTicks - start.serverTicks) / 100.0;
                r.put("serverCpuSeconds", server);
                r.put("serverCpuSecondsPer1000Ops", ops == 0 ? 0 : server / ops * 1000);
                r.put("serverCpuSecondsPerGB", bytes == 0 ? 0 : server / (bytes / 1e9));
            }
            if (start.machineTicks >= 0 && end.machineTicks >= 0) {
                double machine = (end.machineTicks - start.machineTicks) / 100.0;
                double server = start.serverTicks >= 0 ? (end.serverTicks - start.serverTicks) / 100.0 : 0;
                // What neither this client nor the server used: other processes on the machine,
                // in cores on average over the window. Large values mean the run was disturbed.
                r.put("otherCores", Math.max(0, machine - cpu - server) / seconds);
            }
            r.put("gcCount", end.gcCount - start.gcCount);
            r.put("gcMillis", end.gcMillis - start.gcMillis);
            if (ops == 0 && firstError == null) {
                r.put("error", "no operation completed");
            } else if (errors > 0) {
                r.put("error", errors + " operations failed, first: " + firstError);
            }
        }
    }

    /** {@code concurrency} operations always in flight: warm up, then the measured window. */
    private Outcome closedLoop(Op op) throws InterruptedException {
        double warmup = number("warmup", 5);
        double measure = number("measure", 10);
        int concurrency = workload.concurrency;
        Recorder recorder = new Recorder(3);
        AtomicLong ops = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(concurrency);
        long t0 = System.nanoTime();
        long measureFrom = t0 + (long) (warmup * 1e9);
        long measureTo = measureFrom + (long) (measure * 1e9);
        AtomicInteger phase = new AtomicInteger(); // 0 warm-up, 1 measuring, 2 after
        Outcome outcome = new Outcome();

        class Slot {
            final int id;

            Slot(int id) {
                this.id = id;
            }

            void next() {
                if (System.nanoTime() >= measureTo || errors.get() > 100) {
                    stopped.countDown();
                    return;
                }
                long began = System.nanoTime();
                try {
                    op.start(id, (n, e) -> {
                        long took = System.nanoTime() - began;
                        if (phase.get() == 1) {
                            if (e != null) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, e);
                            } else {
                                recorder.recordValue(took);
                                ops.incrementAndGet();
                                bytes.addAndGet(n);
                            }
                        } else if (e != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e);
                        }
                        next();
                    });
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e);
                    stopped.countDown();
                }
            }
        }
        for (int i = 0; i < concurrency; i++) {
            new Slot(i).next();
        }
        sleepUntil(measureFrom);
        recorder.getIntervalHistogram(); // drop the warm-up's
        outcome.start = Measurement.now();
        phase.set(1);
        sleepUntil(measureTo);
        phase.set(2);
        outcome.end = Measurement.now();
        outcome.latency = recorder.getIntervalHistogram();
        outcome.ops = ops.get();
        outcome.bytes = bytes.get();
        outcome.errors = errors.get();
        Throwable first = firstError.get();
        outcome.firstError = first == null ? null : describe(first);
        if (!stopped.await(120, TimeUnit.SECONDS)) {
            outcome.errors++;
            outcome.firstError = (outcome.firstError == null ? "" : outcome.firstError + "; ") + "operations still in flight 120 s after the window";
        }
        return outcome;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 50_000_000));
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }

    /**
     * Uploads of {@code objectSize} in parts of the data's size, {@code concurrency} parts in flight:
     * one smaller upload to warm up, then {@code uploads} measured ones. Latency is per part.
     */
    private Outcome multipart() throws Exception {
        int uploads = (int) number("uploads", 2);
        long objectSize = (long) number("objectSize", 1L << 30);
        int partSize = workload.data.length;
        int parts = (int) (objectSize / partSize);
        uploadOnce("warmup", Math.max(workload.concurrency * 2, parts / 4), null);
        Recorder recorder = new Recorder(3);
        Outcome outcome = new Outcome();
        outcome.start = Measurement.now();
        for (int u = 0; u < uploads; u++) {
            uploadOnce("multipart-" + u, parts, recorder);
        }
        outcome.end = Measurement.now();
        outcome.latency = recorder.getIntervalHistogram();
        outcome.ops = (long) uploads * parts;
        outcome.bytes = (long) uploads * parts * partSize;
        return outcome;
    }

    private void uploadOnce(String key, int parts, Recorder recorder) throws Exception {
        String uploadId = await(done -> client.createUpload(bucket, key, done), false);
        Object[] done = new Object[parts];
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger nextPart = new AtomicInteger(1);
        AtomicInteger finished = new AtomicInteger();
        class Lane {
            void next() {
                int part = nextPart.getAndIncrement();
                if (part > parts || all.isDone()) {
                    return;
                }
                long began = System.nanoTime();
                client.uploadPart(bucket, key, uploadId, part, workload.data, (value, e) -> {
                    if (e != null) {
                        all.completeExceptionally(e);
                        return;
                    }
                    if (recorder != null) {
                        recorder.recordValue(System.nanoTime() - began);
                    }
                    done[part - 1] = value;
                    if (finished.incrementAndGet() == parts) {
                        all.complete(null);
                    } else {
                        next();
                    }
                });
            }
        }
        for (int i = 0; i < workload.concurrency; i++) {
            new Lane().next();
        }
        all.get(600, TimeUnit.SECONDS);
        List<Object> list = new ArrayList<>(Arrays.asList(done));
        this.<Void>await(d -> client.complete(bucket, key, uploadId, list, d), false);
    }

    /** The three workloads of the comparison. */
    static final class Workload {
        enum Kind { PUT, GET, MULTIPART }

        final String name;
        final Kind kind;
        final int concurrency;
        final int size;
        final byte[] data;

        private Workload(String name, Kind kind, int concurrency, int size) {
            this.name = name;
            this.kind = kind;
            this.concurrency = concurrency;
            this.size = size;
            this.data = new byte[size];
            new Random(7).nextBytes(data);
        }

        static Workload of(String name) {
            return switch (name) {
                case "put4k" -> new Workload(name, Kind.PUT, 64, 4096);
                case "get1m" -> new Workload(name, Kind.GET, 16, 1 << 20);
                case "multipart" -> new Workload(name, Kind.MULTIPART, 8, 8 << 20);
                default -> throw new IllegalArgumentException("unknown workload '" + name + "'; put4k, get1m or multipart");
            };
        }
    }
}
