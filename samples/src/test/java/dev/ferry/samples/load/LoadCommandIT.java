package dev.ferry.samples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.model.ListMultipartUploadsRequest;
import dev.ferry.s3.model.ListObjectsRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.S3Object;
import dev.ferry.testkit.s3.S3ProxyServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Short runs against S3Proxy: the figures are sane, the reports are valid, {@code --verify} catches
 * a corrupted object, and the run leaves nothing behind. No assertion is about how fast anything is.
 */
class LoadCommandIT {
    private static S3ProxyServer server;
    private static S3Client s3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        s3 = S3Client.builder().endpoint(server.endpoint()).region(server.region())
                .credentials(server.accessKey(), server.secretKey()).build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private record Outcome(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private static Outcome load(BiConsumer<String, List<String>> beforeVerify, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LoadCommand command = new LoadCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (beforeVerify != null) {
            command.beforeVerify(beforeVerify);
        }
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The test's own S3Proxy, so the test can look at the bucket before and after. */
    private static List<String> target(String bucket, String... more) {
        List<String> args = new ArrayList<>(List.of("--endpoint", server.endpoint().toString(),
                "--access-key", server.accessKey(), "--secret-key", server.secretKey(), "--bucket", bucket,
                "--progress", "off"));
        args.addAll(Arrays.asList(more));
        return args;
    }

    private static List<S3Object> objects(String bucket, String prefix) {
        return s3.listObjects(ListObjectsRequest.builder(bucket).prefix(prefix).build()).collectList().block();
    }

    @Test
    void aShortMixedRunOnTheEmbeddedS3ProxyGivesSaneFiguresAndValidReports() throws Exception {
        assumeTrue(System.getenv("FERRY_S3_ENDPOINT") == null, "FERRY_S3_ENDPOINT is set: the default target is not the embedded one");
        Path json = dir.resolve("run.json");
        Path csv = dir.resolve("run.csv");
        Path html = dir.resolve("run.html");

        Outcome o = load(null, "-w", "put=3,get=4,head=1,delete=1,list=1", "-s", "uniform:1KiB:32KiB", "-c", "4",
                "-d", "2s", "--warmup", "500ms", "--objects", "20", "--seed", "7", "--verify=50%", "--progress", "plain",
                "--json", json.toString(), "--csv", csv.toString(), "--html", html.toString());

        assertThat(o.exit()).as(o.toString()).isZero();
        assertThat(o.out()).contains("embedded S3Proxy at http://127.0.0.1:", "seed 7", "keys ferry-load/7/<n>",
                "preparing 20 objects", "p99.9 ms", "verifying", "all match", "Cleanup: deleted", "removed bucket ferry-load");

        JsonNode r = JSON.readTree(Files.readString(json));
        assertThat(r.get("settings").get("seed").asString()).isEqualTo("7");
        assertThat(r.get("seconds").asDouble()).isGreaterThan(1.5);
        JsonNode operations = r.get("operations");
        assertThat(operations.size()).isEqualTo(5);
        Set<String> names = new HashSet<>();
        for (JsonNode op : operations) {
            String name = op.get("op").asString();
            names.add(name);
            assertThat(op.get("count").asLong()).as(name).isPositive();
            assertThat(op.get("ops_per_s").asDouble()).as(name).isPositive();
            assertThat(op.get("errors").asLong()).as(name).isZero();
            assertOrdered(name, op.get("latency_ms"));
            assertThat(op.get("service_time_ms").isNull()).as("closed loop: one latency").isTrue();
        }
        assertThat(names).containsExactlyInAnyOrder("put", "get", "head", "delete", "list");
        assertThat(operations.get(0).get("mib_per_s").asDouble()).as("puts move bytes").isPositive();
        JsonNode total = r.get("total");
        long sum = 0;
        for (JsonNode op : operations) {
            sum += op.get("count").asLong();
        }
        assertThat(total.get("count").asLong()).isEqualTo(sum);
        assertOrdered("total", total.get("latency_ms"));
        assertThat(r.get("open_loop").isNull()).isTrue();
        assertThat(r.get("verify").get("count").asLong()).isPositive();
        assertThat(r.get("verify").get("errors").asLong()).isZero();
        assertThat(r.get("cleanup").get("deleted").asLong()).isPositive();
        assertThat(r.get("cleanup").get("bucket_deleted").asBoolean()).isTrue();
        JsonNode series = r.get("series");
        assertThat(series.size()).isGreaterThanOrEqualTo(6); // two seconds of five operations and "all"
        double putSeconds = 0;
        for (JsonNode point : series) {
            assertThat(point.get("interval_s").asDouble()).isPositive();
            if (point.get("op").asString().equals("put")) {
                putSeconds += point.get("interval_s").asDouble();
            }
            assertThat(point.get("p50_ms").asDouble()).isLessThanOrEqualTo(point.get("p99_ms").asDouble());
            assertThat(point.get("p99_ms").asDouble()).isLessThanOrEqualTo(point.get("max_ms").asDouble());
        }
        assertThat(putSeconds).as("the intervals of one operation cover the measured time").isCloseTo(r.get("seconds").asDouble(),
                org.assertj.core.api.Assertions.within(0.01));

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(CsvReport.HEADER);
        int columns = CsvReport.HEADER.split(",", -1).length;
        for (String line : lines) {
            assertThat(line.split(",", -1)).as(line).hasSize(columns);
        }
        assertThat(lines).anyMatch(l -> l.startsWith("second,")).anyMatch(l -> l.startsWith("total,")
                && l.contains(",put,")).anyMatch(l -> l.startsWith("total,") && l.contains(",total,"));

        checkHtml(html, 4);
    }

    private static void assertOrdered(String what, JsonNode l) {
        double[] v = {l.get("p50").asDouble(), l.get("p90").asDouble(), l.get("p99").asDouble(), l.get("p99_9").asDouble(),
                l.get("max").asDouble()};
        assertThat(v[0]).as(what + " p50").isPositive();
        for (int i = 1; i < v.length; i++) {
            assertThat(v[i]).as(what + " percentiles in order: " + Arrays.toString(v)).isGreaterThanOrEqualTo(v[i - 1]);
        }
        assertThat(l.get("count").asLong()).isPositive();
    }

    /** Well-formed, self-contained, with the charts drawn. */
    private static void checkHtml(Path html, int charts) throws Exception {
        String text = Files.readString(html);
        assertThat(text).doesNotContain("<script", "src=", "<link", "@import", "url(");
        assertThat(text.replace("http://www.w3.org/2000/svg", "").replaceAll("target [^<]*", "")).doesNotContain("https://");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        NodeList svgs = doc.getElementsByTagName("svg");
        assertThat(svgs.getLength()).isEqualTo(charts);
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            NodeList paths = svg.getElementsByTagName("path");
            assertThat(paths.getLength()).as(svg.getAttribute("aria-label")).isPositive();
            assertThat(((Element) paths.item(0)).getAttribute("d")).startsWith("M");
            assertThat(svg.getElementsByTagName("circle").getLength()).isPositive();
        }
        assertThat(doc.getElementsByTagName("table").getLength()).isGreaterThanOrEqualTo(2);
    }

    /**
     * The report of a short mixed run, rendered by headless Chromium, tall enough for the whole page.
     * The page and its screenshot are kept in target/load-report/, where a person can look at what the
     * browser drew.
     */
    @Test
    void theHtmlReportRendersInHeadlessChromium() throws Exception {
        String chromium = findOnPath("chromium", "chromium-browser", "google-chrome");
        assumeTrue(chromium != null, "no chromium, chromium-browser or google-chrome on the PATH: the HTML report"
                + " was checked as XML only, not rendered (on Debian: apt-get install chromium)");
        // target/test-classes is on the class path wherever the build was started from.
        Path target = Path.of(LoadCommandIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        Path out = Files.createDirectories(target.resolve("load-report"));
        Path html = out.resolve("report.html");
        Path png = out.resolve("report.png");
        Path log = out.resolve("chromium.log");
        Files.deleteIfExists(png);

        Outcome o = load(null, target("load-html", "-w", "put=3,get=6,delete=1", "-s", "uniform:1KiB:64KiB", "-c", "4",
                "-d", "3s", "--warmup", "500ms", "--objects", "20", "--seed", "13", "--verify=20%",
                "--html", html.toString()).toArray(String[]::new));
        // Whether every operation succeeded is the business of the mixed run above; here the page is.
        assertThat(o.out()).as(o.toString()).contains("wrote " + html);
        checkHtml(html, 4);

        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--screenshot=" + png, "--window-size=1200,2000",
                html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s; its output is in " + log);
        }
        assertThat(p.exitValue()).as("Chromium's exit status; its output:%n%s", Files.readString(log)).isZero();
        assertThat(png).as("the screenshot Chromium was asked for").exists();
        assertThat(Files.size(png)).as("a screenshot of a page with text and charts, not of a blank one").isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        long sampled = 0;
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                sampled++;
                if ((rgb & 0xffffff) != 0xffffff) {
                    inked++;
                }
            }
        }
        assertThat(colours.size()).as("a rendered page with text and coloured lines, not a blank one").isGreaterThan(20);
        assertThat((double) inked / sampled).as("share of the page that is not white background").isGreaterThan(0.02);
        System.out.println("The HTML report as headless Chromium drew it: " + png);
    }

    private static String findOnPath(String... names) {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                File f = new File(dirName, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    @Test
    void anOpenLoopRunReportsResponseAndServiceTimeAndKeepsItsSchedule() throws Exception {
        Path json = dir.resolve("open.json");
        Outcome o = load(null, target("load-open", "-w", "put", "-s", "4KiB", "--rate", "100", "-c", "8", "-d", "2s",
                "--warmup", "500ms", "--seed", "11", "--json", json.toString()).toArray(String[]::new));

        assertThat(o.exit()).as(o.toString()).isZero();
        assertThat(o.out()).contains("open loop at 100.0 ops/s, at most 8 in flight", "Service time", "Schedule: target 100.0 ops/s");
        JsonNode r = JSON.readTree(Files.readString(json));
        JsonNode open = r.get("open_loop");
        // 100 operations a second are due for two seconds after warm-up, whatever the server does.
        assertThat(open.get("scheduled").asLong()).isEqualTo(200);
        JsonNode put = r.get("operations").get(0);
        assertThat(put.get("count").asLong() + open.get("not_started").asLong()).isEqualTo(200);
        JsonNode response = put.get("latency_ms");
        JsonNode service = put.get("service_time_ms");
        assertOrdered("response", response);
        assertOrdered("service", service);
        // Each operation's service time is part of its response time, so every percentile is too.
        for (String p : List.of("p50", "p90", "p99", "p99_9", "max")) {
            assertThat(service.get(p).asDouble()).as(p).isLessThanOrEqualTo(response.get(p).asDouble());
        }
        assertThat(o.out()).contains("removed bucket load-open");
        assertThat(s3.listBuckets().map(b -> b.name()).collectList().block()).doesNotContain("load-open");
    }

    /**
     * What a seeded run leaves in its bucket: object number (the key after the prefix) to size and
     * ETag (the MD5 of the content), and the operations of each type it issued.
     */
    private record Footprint(Map<Long, String> objects, Map<String, Long> operations) {
    }

    private Footprint seededRun(String bucket, long seed) throws Exception {
        Path json = dir.resolve(bucket + ".json");
        // No deletes: which object a delete takes is not the seed's to decide, so the objects left would differ.
        Outcome o = load(null, target(bucket, "-w", "put=2,get=1,head=1", "-s", "uniform:1KiB:64KiB", "--objects", "5",
                "--ops", "40", "-c", "4", "--warmup", "0s", "--seed", Long.toString(seed), "--keep",
                "--json", json.toString()).toArray(String[]::new));
        assertThat(o.out()).as(o.toString()).contains("seed " + seed, "keys ferry-load/" + seed + "/<n>", "Kept the run's objects");

        String prefix = "ferry-load/" + seed + "/";
        Map<Long, String> objects = new TreeMap<>();
        for (S3Object obj : objects(bucket, prefix)) {
            objects.put(Long.parseLong(obj.key().substring(prefix.length())), obj.size() + " bytes, ETag " + obj.eTag());
        }
        Map<String, Long> operations = new TreeMap<>();
        for (JsonNode op : JSON.readTree(Files.readString(json)).get("operations")) {
            // An operation that failed was issued all the same: the seed chose its type.
            operations.put(op.get("op").asString(), op.get("count").asLong() + op.get("errors").asLong());
        }
        return new Footprint(objects, operations);
    }

    @Test
    void theSameSeedWritesTheSameKeysSizesAndContentInTheSameOperationOrderAndAnotherSeedDoesNot() throws Exception {
        Footprint first = seededRun("load-seed-a", 21);
        Footprint again = seededRun("load-seed-b", 21);
        Footprint other = seededRun("load-seed-c", 22);

        // Operation n is a put exactly when object 5 + n exists, so the numbers present spell out the order of the mix.
        assertThat(first.objects().keySet()).contains(0L, 1L, 2L, 3L, 4L).hasSizeGreaterThan(5);
        assertThat(first.operations().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
        assertThat(again).isEqualTo(first);

        assertThat(other.objects().keySet()).as("another seed, another order of puts among the 40 operations")
                .isNotEqualTo(first.objects().keySet());
        for (long n = 0; n < 5; n++) {
            assertThat(other.objects().get(n)).as("prepared object %d: another size and content", n)
                    .isNotEqualTo(first.objects().get(n));
        }
    }

    @Test
    void verifyCatchesAnObjectCorruptedBehindTheRunsBack() throws Exception {
        s3.createBucket(CreateBucketRequest.of("load-verify")).block();
        Path json = dir.resolve("verify.json");
        List<String> corrupted = new ArrayList<>();
        Outcome o = load((bucket, keys) -> {
            // Same length, different bytes, stored with a valid ETag: only comparing content can tell.
            String key = keys.get(keys.size() / 2);
            long size = s3.headObject(dev.ferry.s3.model.HeadObjectRequest.of(bucket, key)).block().contentLength();
            byte[] other = new byte[(int) size];
            Arrays.fill(other, (byte) 'x');
            s3.putObject(PutObjectRequest.of(bucket, key), RequestBody.fromBytes(other)).block();
            corrupted.add(key);
        }, target("load-verify", "-w", "put", "-s", "8KiB", "--ops", "30", "-c", "4", "--warmup", "0s", "--seed", "3",
                "--verify=1", "--json", json.toString()).toArray(String[]::new));

        assertThat(corrupted).hasSize(1);
        assertThat(o.exit()).as(o.toString()).isEqualTo(3);
        assertThat(o.out()).contains("verifying 30 objects", "1 FAILED", "Verify: 30 objects read back", "1 failed",
                "DataMismatch", corrupted.get(0), "differs from what the run wrote");
        JsonNode verify = JSON.readTree(Files.readString(json)).get("verify");
        assertThat(verify.get("count").asLong()).isEqualTo(29);
        assertThat(verify.get("errors").asLong()).isEqualTo(1);
        assertThat(verify.get("errors_by_type").has("DataMismatch")).isTrue();
        assertThat(objects("load-verify", "ferry-load/3/")).as("cleaned up all the same").isEmpty();
    }

    @Test
    void multipartUploadsCompleteVerifyAndAreKeptWhenAsked() {
        s3.createBucket(CreateBucketRequest.of("load-multipart")).block();
        Outcome o = load(null, target("load-multipart", "-w", "multipart", "-s", "uniform:6MiB:11MiB", "--part-size", "5MiB",
                "--part-concurrency", "2", "--ops", "4", "-c", "2", "--warmup", "0s", "--seed", "5", "--verify=1",
                "--keep").toArray(String[]::new));

        assertThat(o.exit()).as(o.toString()).isZero();
        assertThat(o.out()).contains("multipart", "verifying 4 objects", "all match", "Kept the run's objects");
        List<S3Object> kept = objects("load-multipart", "ferry-load/5/");
        assertThat(kept).hasSize(4);
        assertThat(kept).allSatisfy(obj -> {
            assertThat(obj.size()).isBetween(6L << 20, 11L << 20);
            assertThat(obj.eTag()).as("a multipart ETag").matches("\"?[0-9a-f]{32}-[23]\"?");
        });
        assertThat(s3.listMultipartUploads(ListMultipartUploadsRequest.of("load-multipart")).collectList().block()).isEmpty();
    }

    @Test
    void aWorkloadThatOnlyDeletesEndsWhenItRunsOutOfObjects() {
        Outcome o = load(null, target("load-delete", "-w", "delete", "--objects", "12", "-c", "3", "-d", "60s",
                "--warmup", "0s").toArray(String[]::new));

        assertThat(o.exit()).as(o.toString()).isZero();
        assertThat(o.out()).contains("Stopped early: the run ran out of objects to delete (raise --objects)")
                .containsPattern("delete\\s+12\\s");
    }

    @Test
    void anUnreachableEndpointFailsWithAClearMessage() {
        Outcome o = load(null, "--endpoint", "http://127.0.0.1:1", "--access-key", "a", "--secret-key", "b", "--ops", "1",
                "--progress", "off");

        assertThat(o.exit()).as(o.toString()).isEqualTo(1);
        assertThat(o.err()).contains("ferry load: cannot use bucket ferry-load at http://127.0.0.1:1");
    }
}
