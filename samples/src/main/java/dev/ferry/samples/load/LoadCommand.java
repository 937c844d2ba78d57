package dev.ferry.samples.load;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.UploadIntegrity;
import dev.ferry.s3.model.BucketRequest;
import dev.ferry.samples.load.ObjectPool.Entry;
import dev.ferry.samples.load.RunResult.Cleanup;
import dev.ferry.samples.load.RunResult.OpSummary;
import dev.ferry.samples.load.RunResult.OpenLoop;
import dev.ferry.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code ./ferry load}: a load-test harness for S3-compatible storage, built on Ferry's public API
 * and run on an engine (event loops and connection pool) of its own.
 *
 * <p>A run: start the target (an embedded S3Proxy unless an endpoint is given), make sure the bucket
 * exists, prepare objects for reads and deletes, warm up, measure (closed loop, or open loop at a
 * rate), read a sample of what was written back and compare it ({@code --verify}), delete what the
 * run created, and report: a table on the terminal, and optionally JSON, CSV and an HTML page with
 * charts.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Load-tests S3-compatible storage through Ferry.",
                "Operation mixes, closed or open loop, live progress, HdrHistogram percentiles, JSON/CSV/HTML reports, "
                        + "read-back verification and cleanup.",
                "Without --endpoint it starts an embedded S3Proxy (in this JVM, so it shares the CPU with the client).", ""},
        footer = {"", "Sizes: 4096, 4KiB, 1MiB, 1.5GiB (KB, MB, GB are powers of 1000). Durations: 500ms, 30s, 2m, 1m30s, 1h.",
                "Object sizes: 1MiB (fixed), uniform:4KiB:1MiB, lognormal:MEDIAN[:SIGMA[:MAX]] (sigma 1, max 64 x median by default).",
                "", "Exit status: 0 all operations succeeded; 1 some failed, or the run could not start or clean up;",
                "2 bad arguments; 3 --verify found data that differs from what was written.",
                "", "Examples:",
                "  ./ferry load                                        30-second mixed load on an embedded S3Proxy",
                "  ./ferry load -w put -s 4KiB -c 64 -d 1m --html put.html",
                "  ./ferry load -w get --objects 500 --rate 200 -c 32  open loop: 200 gets/s, at most 32 in flight",
                "  ./ferry load --endpoint http://127.0.0.1:9000 --bucket bench -w multipart -s 64MiB --part-size 8MiB --verify"})
public final class LoadCommand implements java.util.concurrent.Callable<Integer> {
    private static final long MAX_PUT_SIZE = 5L << 30;
    private static final long MIN_PART_SIZE = 5L << 20;
    private static final int MAX_PARTS = 10_000;

    @Spec
    @Nullable CommandSpec spec;

    // ---- target
    @Option(names = "--endpoint", paramLabel = "URL", order = 1,
            description = "S3 endpoint, e.g. http://127.0.0.1:9000 (env FERRY_S3_ENDPOINT). Default: an embedded S3Proxy.")
    @Nullable String endpoint = env("FERRY_S3_ENDPOINT");

    @Option(names = "--region", order = 2, paramLabel = "REGION", description = "Signing region (env FERRY_S3_REGION). Default: ${DEFAULT-VALUE}.")
    String region = envOr("FERRY_S3_REGION", "us-east-1");

    @Option(names = "--access-key", order = 3, paramLabel = "KEY", description = "Access key id. Default: AWS_ACCESS_KEY_ID, else ~/.aws/credentials.")
    @Nullable String accessKey;

    @Option(names = "--secret-key", order = 4, paramLabel = "SECRET", description = "Secret access key (with --access-key).")
    @Nullable String secretKey;

    @Option(names = "--bucket", order = 5, paramLabel = "NAME",
            description = "Bucket (env FERRY_S3_BUCKET); created if missing, and then removed afterwards. Default: ${DEFAULT-VALUE}.")
    String bucket = envOr("FERRY_S3_BUCKET", "ferry-load");

    @Option(names = "--path-style", order = 6, description = "Path-style addressing (host/bucket/key).")
    boolean pathStyle;

    @Option(names = "--prefix", order = 7, paramLabel = "PREFIX", description = "Key prefix of the run's objects. Default: ferry-load/SEED/.")
    @Nullable String prefix;

    @Option(names = "--upload-integrity", order = 8, paramLabel = "signed|unsigned|plain",
            description = "How uploads vouch for their bytes (Ferry's UploadIntegrity; unsigned needs https). Default: ${DEFAULT-VALUE}.")
    String uploadIntegrity = "signed";

    @Option(names = "--retries", order = 9, paramLabel = "N", description = "Retries per request (Ferry's retry policy). Default: ${DEFAULT-VALUE}, so every error shows.")
    int retries = 0;

    // ---- workload
    @Option(names = {"-w", "--workload"}, order = 20, converter = Workload.Converter.class, paramLabel = "OPS",
            description = "put, get, head, delete, list, multipart, or a weighted mix such as put=3,get=6,delete=1"
                    + " (\"mix\"). Default: ${DEFAULT-VALUE}.")
    Workload workload = Workload.parse("mix");

    @Option(names = {"-s", "--size"}, order = 21, converter = SizeDistribution.Converter.class, paramLabel = "SIZE",
            description = "Object size: 1MiB, uniform:MIN:MAX or lognormal:MEDIAN[:SIGMA[:MAX]]. Default: 1MiB.")
    SizeDistribution size = new SizeDistribution.Fixed(1 << 20);

    @Option(names = {"-c", "--concurrency"}, order = 22, paramLabel = "N",
            description = "Operations in flight (closed loop), or the most in flight (open loop). Default: ${DEFAULT-VALUE}.")
    int concurrency = 16;

    @Option(names = {"-d", "--duration"}, order = 23, converter = Units.DurationConverter.class, paramLabel = "TIME",
            description = "How long to measure, after warm-up. Default: 30s (unless --ops is given).")
    @Nullable Duration duration;

    @Option(names = {"-n", "--ops"}, order = 24, paramLabel = "N", description = "Measure N operations (with --duration: whichever ends first).")
    @Nullable Long ops;

    @Option(names = "--warmup", order = 25, converter = Units.DurationConverter.class, paramLabel = "TIME",
            description = "Run the load this long before measuring. Default: 2s.")
    Duration warmup = Duration.ofSeconds(2);

    @Option(names = "--rate", order = 26, paramLabel = "OPS/S",
            description = "Open loop: start operations at this rate whatever the answers, latency measured from the scheduled start.")
    @Nullable Double rate;

    @Option(names = "--seed", order = 27, paramLabel = "N", description = "Seed of keys, sizes, content and mix order. Default: random, printed.")
    @Nullable Long seed;

    @Option(names = "--objects", order = 28, paramLabel = "N",
            description = "Objects written before measuring, for get, head, delete and list. Default: ${DEFAULT-VALUE}.")
    int objects = 100;

    @Option(names = "--part-size", order = 29, converter = Units.SizeConverter.class, paramLabel = "SIZE",
            description = "Multipart part size (at least 5MiB). Default: 5MiB.")
    long partSize = MIN_PART_SIZE;

    @Option(names = "--part-concurrency", order = 30, paramLabel = "N",
            description = "Parts in flight per multipart upload. Default: ${DEFAULT-VALUE}.")
    int partConcurrency = 4;

    @Option(names = "--connections", order = 31, paramLabel = "N",
            description = "Connection pool size. Default: enough for the concurrency (x part concurrency for multipart).")
    @Nullable Integer connections;

    // ---- checks
    @Option(names = "--verify", order = 40, arity = "0..1", fallbackValue = "10%", paramLabel = "FRACTION",
            description = "Read back a sample of the objects written (--verify: 10%%; --verify=1 or 100%% for all) and compare"
                    + " every byte, during gets and after the load.")
    @Nullable String verify;

    @Option(names = "--keep", order = 41, description = "Keep the run's objects (and a bucket it created).")
    boolean keep;

    // ---- output
    @Option(names = "--json", order = 50, paramLabel = "FILE", description = "Write the results as JSON.")
    @Nullable Path json;

    @Option(names = "--csv", order = 51, paramLabel = "FILE", description = "Write the per-second series and the totals as CSV.")
    @Nullable Path csv;

    @Option(names = "--html", order = 52, paramLabel = "FILE", description = "Write a self-contained HTML report with charts.")
    @Nullable Path html;

    @Option(names = "--progress", order = 53, paramLabel = "auto|line|plain|off",
            description = "Live progress: a line updated in place on a terminal, a line every 10 s otherwise. Default: ${DEFAULT-VALUE}.")
    String progress = "auto";

    private final PrintStream out;
    private final PrintStream err;
    private @Nullable BiConsumer<String, List<String>> beforeVerify;
    private volatile boolean signalled;

    public LoadCommand() {
        this(System.out, System.err);
    }

    LoadCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * For tests: called with the bucket and the keys about to be read back by {@code --verify}, after
     * the load and before the read-back, so that a test can change an object behind the run's back.
     */
    LoadCommand beforeVerify(BiConsumer<String, List<String>> hook) {
        this.beforeVerify = hook;
        return this;
    }

    /** What the options add up to, checked. */
    private record RunPlan(long seed, String prefix, double verifyFraction, UploadIntegrity integrity,
                        LoadDriver.Plan driver, ProgressPrinter.Mode progress, int connections) {
    }

    @Override
    public Integer call() {
        RunPlan plan = validate();
        AtomicReference<LoadDriver> running = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C: stop starting operations, let those in flight end, clean up, report.
            LoadDriver driver = running.get();
            if (driver != null) {
                signalled = true;
                driver.stop();
            }
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ferry-load-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (endpoint == null) {
                out.println("Starting an embedded S3Proxy...");
                try (S3ProxyServer server = S3ProxyServer.start()) {
                    return run(plan, server.endpoint(), server.region(),
                            CredentialsProvider.of(Credentials.of(server.accessKey(), server.secretKey())),
                            "embedded S3Proxy at " + server.endpoint(), running);
                }
            }
            CredentialsProvider credentials = accessKey != null
                    ? CredentialsProvider.of(Credentials.of(accessKey, secretKey))
                    : CredentialsProvider.defaultChain();
            return run(plan, URI.create(endpoint), region, credentials, endpoint, running);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook is running and waits for us.
            }
        }
    }

    private RunPlan validate() {
        CommandSpec s = spec;
        if (s == null) {
            throw new IllegalStateException("picocli injects the command spec");
        }
        if (concurrency < 1 || concurrency > 100_000) {
            throw new ParameterException(s.commandLine(), "--concurrency must be 1..100000, was " + concurrency);
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new ParameterException(s.commandLine(), "--duration must be longer than 0s, was " + duration.toMillis() + "ms");
        }
        if (ops != null && ops < 1) {
            throw new ParameterException(s.commandLine(), "--ops must be at least 1, was " + ops);
        }
        if (warmup.isNegative()) {
            throw new ParameterException(s.commandLine(), "--warmup must not be negative");
        }
        if (rate != null && !(rate > 0 && rate <= 1_000_000)) {
            throw new ParameterException(s.commandLine(), "--rate must be above 0 and at most 1000000 operations per second, was " + rate);
        }
        if (workload.needsObjects() && objects < 1) {
            throw new ParameterException(s.commandLine(), "--objects must be at least 1 for a workload with "
                    + "get, head, delete or list (they need objects to work on), was " + objects);
        }
        if (objects < 0) {
            throw new ParameterException(s.commandLine(), "--objects must not be negative, was " + objects);
        }
        if ((workload.includes(OpType.PUT) || workload.needsObjects()) && size.max() > MAX_PUT_SIZE) {
            throw new ParameterException(s.commandLine(), "--size allows objects of up to " + Units.formatSize(size.max())
                    + ", but PutObject stores at most 5 GiB: use -w multipart for larger objects");
        }
        if (workload.includes(OpType.MULTIPART)) {
            if (partSize < MIN_PART_SIZE || partSize > MAX_PUT_SIZE) {
                throw new ParameterException(s.commandLine(), "--part-size must be 5MiB..5GiB (S3's limits for every part"
                        + " but the last), was " + Units.formatSize(partSize));
            }
            if (size.min() < 1) {
                throw new ParameterException(s.commandLine(), "multipart needs objects of at least 1 byte; --size allows 0");
            }
            if ((size.max() + partSize - 1) / partSize > MAX_PARTS) {
                throw new ParameterException(s.commandLine(), "objects of " + Units.formatSize(size.max()) + " need more than "
                        + MAX_PARTS + " parts of " + Units.formatSize(partSize) + ": raise --part-size");
            }
            if (partConcurrency < 1) {
                throw new ParameterException(s.commandLine(), "--part-concurrency must be at least 1, was " + partConcurrency);
            }
        }
        if (connections != null && connections < 1) {
            throw new ParameterException(s.commandLine(), "--connections must be at least 1, was " + connections);
        }
        if (retries < 0 || retries > 10) {
            throw new ParameterException(s.commandLine(), "--retries must be 0..10, was " + retries);
        }
        if (accessKey != null && secretKey == null || accessKey == null && secretKey != null) {
            throw new ParameterException(s.commandLine(), "--access-key and --secret-key go together: give both, or neither"
                    + " (then AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws/credentials are used)");
        }
        if (endpoint != null) {
            try {
                URI uri = URI.create(endpoint);
                if (uri.getScheme() == null || uri.getHost() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new IllegalArgumentException("give it as http(s)://host[:port]");
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(s.commandLine(), "--endpoint '" + endpoint + "' is not a URL: " + e.getMessage());
            }
        }
        try {
            BucketRequest.of(bucket);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(s.commandLine(), "--bucket: " + e.getMessage());
        }
        UploadIntegrity integrity = switch (uploadIntegrity.toLowerCase(Locale.ROOT)) {
            case "signed" -> UploadIntegrity.SIGNED_PAYLOAD;
            case "unsigned" -> UploadIntegrity.UNSIGNED_PAYLOAD;
            case "plain" -> UploadIntegrity.PLAIN_BODY;
            default -> throw new ParameterException(s.commandLine(), "--upload-integrity must be signed, unsigned or plain, was '"
                    + uploadIntegrity + "'");
        };
        if (integrity == UploadIntegrity.UNSIGNED_PAYLOAD && (endpoint == null || !endpoint.startsWith("https:"))) {
            throw new ParameterException(s.commandLine(), "--upload-integrity unsigned leaves the body out of the signature,"
                    + " which only TLS may replace: it needs an https --endpoint");
        }
        double fraction = verify == null ? 0 : parseFraction(s, verify);
        ProgressPrinter.Mode mode = switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto" -> ProgressPrinter.auto(System.console());
            case "line" -> ProgressPrinter.Mode.LINE;
            case "plain" -> ProgressPrinter.Mode.PLAIN;
            case "off" -> ProgressPrinter.Mode.OFF;
            default -> throw new ParameterException(s.commandLine(), "--progress must be auto, line, plain or off, was '" + progress + "'");
        };
        for (Path file : new Path[] {json, csv, html}) {
            if (file != null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new ParameterException(s.commandLine(), "cannot write " + file + ": folder " + parent + " does not exist");
                }
            }
        }
        Duration measured = duration != null ? duration : ops != null ? null : Duration.ofSeconds(30);
        LoadDriver.Plan driver = new LoadDriver.Plan(concurrency, rate != null ? rate : 0, warmup.toNanos(),
                measured != null ? measured.toNanos() : Long.MAX_VALUE, ops != null ? ops : Long.MAX_VALUE);
        long seedValue = seed != null ? seed : new SecureRandom().nextInt() & 0x7fffffffL;
        String keyPrefix = prefix != null ? prefix : "ferry-load/" + seedValue + "/";
        int perOp = workload.includes(OpType.MULTIPART) ? partConcurrency : 1;
        int pool = connections != null ? connections : (int) Math.min(10_000, (long) concurrency * perOp + 2);
        return new RunPlan(seedValue, keyPrefix, fraction, integrity, driver, mode, pool);
    }

    private static double parseFraction(CommandSpec s, String text) {
        String t = text.trim();
        double value;
        try {
            value = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (!(value > 0 && value <= 1)) {
            throw new ParameterException(s.commandLine(), "--verify takes the fraction of objects to read back, above 0 and"
                    + " at most 1 (or 100%), e.g. --verify=0.1 or --verify=10%; was '" + text + "'");
        }
        return value;
    }

    private int run(RunPlan plan, URI target, String signingRegion, CredentialsProvider credentials, String targetName,
                    AtomicReference<LoadDriver> running) {
        EngineConfig engineConfig = EngineConfig.builder().name("ferry-load").maxConnectionsPerHost(plan.connections()).build();
        // An engine of its own: its event loops and pool serve nothing but this run.
        try (HttpEngine engine = HttpEngine.create(engineConfig)) {
            S3Client.Builder builder = S3Client.builder().endpoint(target).region(signingRegion).credentials(credentials)
                    .engine(engine).uploadIntegrity(plan.integrity())
                    .retryPolicy(retries == 0 ? RetryPolicy.none() : RetryPolicy.defaults().withMaxAttempts(retries + 1));
            if (pathStyle) {
                builder.pathStyle(true);
            }
            try (S3Client s3 = builder.build()) {
                return run(plan, s3, targetName, engineConfig, running);
            }
        }
    }

    private int run(RunPlan plan, S3Client s3, String targetName, EngineConfig engineConfig, AtomicReference<LoadDriver> running) {
        Map<String, String> settings = settings(plan, targetName, engineConfig);
        out.printf("ferry load: %s, %s objects, %s, %s, seed %d%n", workload.describe(), size.describe(),
                settings.get("loop"), settings.get("length"), plan.seed());
        out.printf("target: %s%s%n", targetName, endpoint == null
                ? " (in this JVM: it shares the CPU with the client, so the figures measure both)" : "");

        ObjectPool pool = new ObjectPool();
        ObjectData data = new ObjectData(plan.seed());
        S3Operations operations = new S3Operations(s3, bucket, plan.prefix(), plan.seed(), size, data, pool,
                plan.verifyFraction(), partSize, partConcurrency);
        boolean bucketCreated;
        try {
            bucketCreated = Boolean.TRUE.equals(operations.ensureBucket().block());
        } catch (RuntimeException e) {
            err.printf("ferry load: cannot use bucket %s at %s: %s%n", bucket, targetName, ErrorKinds.message(e));
            return 1;
        }
        out.printf("bucket %s%s, keys %s<n>%n", bucket, bucketCreated ? " (created for this run)" : "", plan.prefix());

        Instant startedAt = Instant.now();
        Measured measured;
        try {
            int prepared = workload.needsObjects() ? objects : 0;
            if (prepared > 0) {
                out.printf("preparing %d objects (%s)... ", prepared, size.describe());
                out.flush();
                long t0 = System.nanoTime();
                long bytes = operations.prepare(prepared, concurrency).block();
                out.printf(Locale.ROOT, "%s in %.1f s%n", Units.formatSize(bytes), (System.nanoTime() - t0) / 1e9);
            }
            measured = measure(plan, operations, running);
        } catch (RuntimeException e) {
            printCleanupAfterFailure(operations, bucketCreated, e);
            return 1;
        }
        if (measured.stopReason() != null) {
            out.println("Stopped early: " + measured.stopReason() + ".");
        }

        OpSummary verified = plan.verifyFraction() > 0 ? verify(operations, pool, plan.verifyFraction()) : null;
        Cleanup cleanup;
        if (keep) {
            settings.put("objects at", "s3://" + bucket + "/" + plan.prefix() + (endpoint == null
                    ? " (the embedded S3Proxy stops at the end of the run, and its objects go with it)" : ""));
            cleanup = new Cleanup(true, 0, 0, 0, false, null);
        } else {
            cleanup = operations.cleanup(bucketCreated).block();
        }
        Metrics metrics = measured.metrics();
        OpSummary total = metrics.total();
        RunResult result = new RunResult(settings, startedAt, metrics.measuredSeconds(), metrics.summaries(), total,
                metrics.series(), measured.openLoop(), verified, cleanup);
        TextReport.print(result, out);
        boolean written = writeReports(result);

        if (verified != null && verified.errors() > 0) {
            return 3;
        }
        boolean failed = total.errors() > 0 || (cleanup != null && cleanup.failed() > 0) || !written;
        return failed ? 1 : 0;
    }

    /** What the measured part of a run leaves: the metrics, an open loop's schedule, why it ended early if it did. */
    private record Measured(Metrics metrics, @Nullable OpenLoop openLoop, @Nullable String stopReason) {
    }

    /** Warm-up and measurement: runs the driver, with a sampler closing each second and updating the progress line. */
    private Measured measure(RunPlan plan, S3Operations operations, AtomicReference<LoadDriver> running) {
        LoadDriver.Plan p = plan.driver();
        Metrics metrics = new Metrics(new ArrayList<>(workload.weights().keySet()), p.openLoop());
        AtomicReference<String> stopped = new AtomicReference<>();
        // A workload that never writes ends when it runs out of objects: that is the end of the run,
        // not an error of the store's.
        LoadDriver.Operations ops = workload.writes() ? operations : (type, index) -> operations.run(type, index)
                .onErrorResume(LoadException.NoObject.class, e -> {
                    if (stopped.compareAndSet(null, "the run ran out of objects to " + type.label() + " (raise --objects)")) {
                        running.get().stop();
                    }
                    return Mono.empty();
                });
        Scheduler pacer = Schedulers.newSingle("ferry-load-pacer", true);
        LoadDriver driver = new LoadDriver(p, workload, plan.seed(), ops, metrics, System::nanoTime, pacer,
                p.openLoop() ? Schedulers.parallel() : null);
        running.set(driver);
        ProgressPrinter printer = new ProgressPrinter(plan.progress(), out, warmup.toMillis() / 1000.0,
                p.durationNanos() == Long.MAX_VALUE ? 0 : p.durationNanos() / 1e9);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-load-sampler");
            t.setDaemon(true);
            return t;
        });
        OpenLoop openLoop = null;
        try {
            CompletableFuture<OpenLoop> outcome = driver.run().toFuture();
            long measureStart = driver.measureStart();
            long start = measureStart - p.warmupNanos();
            // Ticks fall on whole seconds of the measurement, so every interval of the series is a full second.
            long now = System.nanoTime();
            long first = measureStart - Math.floorDiv(measureStart - now, 1_000_000_000L) * 1_000_000_000L;
            if (first <= now) {
                first += 1_000_000_000L;
            }
            sampler.scheduleAtFixedRate(() -> {
                long t = System.nanoTime();
                // The tick at the very start of measurement closes no interval: it still reports warm-up.
                boolean warmingUp = t < measureStart + 500_000_000L;
                if (!warmingUp) {
                    metrics.sample(t);
                }
                printer.update(warmingUp ? null : metrics.latest(), (t - start) / 1e9);
            }, first - now, 1_000_000_000L, TimeUnit.NANOSECONDS);
            openLoop = outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.stop();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the load driver failed: " + e.getCause(), e.getCause());
        } finally {
            sampler.shutdownNow();
            awaitQuietly(sampler);
            pacer.dispose();
        }
        metrics.sample(System.nanoTime());
        printer.finish();
        return new Measured(metrics, openLoop, signalled ? "interrupted; the figures cover the run until then" : stopped.get());
    }

    private OpSummary verify(S3Operations operations, ObjectPool pool, double fraction) {
        List<Entry> sample = Arrays.stream(pool.snapshot()).filter(e -> operations.sampled(e.index())).toList();
        if (beforeVerify != null) {
            beforeVerify.accept(bucket, sample.stream().map(e -> operations.key(e.index())).toList());
        }
        out.printf("verifying %d objects (%s%% of those written and still there)... ", sample.size(),
                TextReport.num(fraction * 100));
        out.flush();
        Metrics metrics = new Metrics(List.of(OpType.VERIFY), false);
        long t0 = System.nanoTime();
        metrics.begin(t0);
        Flux.fromIterable(sample)
                .flatMap(e -> Mono.defer(() -> {
                    long started = System.nanoTime();
                    return operations.read(e, true)
                            .doOnNext(bytes -> metrics.success(OpType.VERIFY, started, started, System.nanoTime(), bytes))
                            .doOnError(error -> metrics.failure(OpType.VERIFY, started, error))
                            .onErrorResume(error -> Mono.empty());
                }), concurrency)
                .blockLast();
        metrics.sample(Math.max(System.nanoTime(), t0 + 1));
        OpSummary summary = metrics.summaries().get(0);
        out.printf(Locale.ROOT, "%s%n", summary.errors() == 0 ? "all match" : summary.errors() + " FAILED");
        return summary;
    }

    private void printCleanupAfterFailure(S3Operations operations, boolean bucketCreated, RuntimeException e) {
        err.printf("%nferry load: the run failed: %s%n", ErrorKinds.message(e));
        if (!keep) {
            Cleanup c = operations.cleanup(bucketCreated).onErrorResume(x -> Mono.empty()).block();
            if (c != null) {
                err.printf("cleanup: deleted %d objects%s%n", c.deleted(), c.failed() > 0 ? ", " + c.failed() + " failed" : "");
            }
        }
    }

    private boolean writeReports(RunResult result) {
        boolean ok = true;
        ok &= write(json, () -> JsonReport.render(result));
        ok &= write(csv, () -> CsvReport.render(result));
        ok &= write(html, () -> HtmlReport.render(result));
        return ok;
    }

    private boolean write(@Nullable Path file, java.util.function.Supplier<String> content) {
        if (file == null) {
            return true;
        }
        try {
            Files.writeString(file, content.get(), StandardCharsets.UTF_8);
            out.println("wrote " + file);
            return true;
        } catch (IOException e) {
            err.println("ferry load: cannot write " + file + ": " + e.getMessage());
            return false;
        }
    }

    private Map<String, String> settings(RunPlan plan, String targetName, EngineConfig engine) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("target", targetName);
        m.put("region", endpoint == null ? "us-east-1" : region);
        m.put("bucket", bucket);
        m.put("prefix", plan.prefix());
        m.put("workload", workload.describe());
        m.put("size", size.describe());
        LoadDriver.Plan d = plan.driver();
        m.put("loop", d.openLoop()
                ? "open loop at " + TextReport.num(d.rate()) + " ops/s, at most " + concurrency + " in flight"
                : "closed loop, " + concurrency + " in flight");
        String length = d.durationNanos() == Long.MAX_VALUE ? ops + " operations"
                : Units.formatDuration(Duration.ofNanos(d.durationNanos())) + (ops != null ? " or " + ops + " operations" : "");
        m.put("length", length + (warmup.isZero() ? "" : " after " + Units.formatDuration(warmup) + " of warm-up"));
        m.put("seed", Long.toString(plan.seed()));
        if (workload.needsObjects()) {
            m.put("prepared objects", Integer.toString(objects));
        }
        if (workload.includes(OpType.MULTIPART)) {
            m.put("multipart", Units.formatSize(partSize) + " parts, " + partConcurrency + " in flight per upload");
        }
        m.put("verify", plan.verifyFraction() > 0 ? TextReport.num(plan.verifyFraction() * 100) + "% of objects" : "off");
        m.put("upload integrity", plan.integrity().name());
        m.put("retries", Integer.toString(retries));
        m.put("connections", Integer.toString(engine.maxConnectionsPerHost()));
        m.put("event loops", Integer.toString(engine.eventLoopThreads()));
        m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return m;
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static @Nullable String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String envOr(String name, String fallback) {
        String value = env(name);
        return value != null ? value : fallback;
    }
}
