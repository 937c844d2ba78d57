package dev.ferry.testkit.oss;

import dev.ferry.testkit.oss.SignatureCheck.Param;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A mock Alibaba Cloud OSS on a loopback port, for tests that need the protocol end to end.
 *
 * <ul>
 *   <li>Verifies every request's signature, V4 (header and presigned) and V1 (header and presigned),
 *       with {@link SignatureCheck}, an implementation of its own; checks the clock skew (15 minutes),
 *       STS tokens, presigned expiry and Content-MD5.</li>
 *   <li>Path-style, virtual-hosted ({@code bucket.}{@link #SERVICE_DOMAIN} in the Host header) and CNAME
 *       ({@link #bindCname}) addressing.</li>
 *   <li>PutObject, GetObject (with ranges), HeadObject, DeleteObject; multipart initiate, upload part,
 *       complete (part order, ETags, the 100 KiB minimum), abort, list parts (paged).</li>
 *   <li>{@code x-oss-async-process} answered with the real JSON shape ({@code EventId}, {@code RequestId},
 *       {@code TaskId}); the {@code sys/saveas} target is written as real PNG images, one per page when
 *       the key has {@code {index}}, optionally after a delay. {@code x-oss-process} with
 *       {@code image/...|sys/saveas} answers {@code {bucket, fileSize, object, status}}.</li>
 *   <li>Errors as OSS shapes them: an XML {@code <Error>} body, or for HEAD an empty body with the
 *       document in the base64 {@code x-oss-err} header; injected at will with {@link #inject(Fault)}.</li>
 * </ul>
 *
 * It does not convert anything: the PNG pages are generated pictures, whatever the document holds.
 * Objects live in memory, so keep them small.
 */
public final class OssMockServer implements AutoCloseable {
    public static final String REGION = "cn-hangzhou";
    public static final String SERVICE_DOMAIN = "oss-cn-hangzhou.aliyuncs.com";
    public static final String ACCESS_KEY_ID = "LTAI5tFerryMockKey";
    public static final String ACCESS_KEY_SECRET = "ferry-mock/secret+with=reserved";
    public static final long MIN_PART_SIZE = 100 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();
    private static final Map<String, String> EC = Map.of(
            "SignatureDoesNotMatch", "0002-00000040",
            "NoSuchKey", "0026-00000001",
            "NoSuchBucket", "0015-00000101");

    private final LoopResources loops;
    /** Made here, not per request: finding a StAX implementation reads jar files, which would block an event loop. */
    private final XMLInputFactory xmlInput;
    private final DisposableServer server;
    private final URI endpoint;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, String> cnames = new ConcurrentHashMap<>();
    private final List<PendingFault> faults = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<AsyncTask> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicLong requestCounter = new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20));
    private final byte[][] pages = new byte[9][];
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile Duration asyncDelay = Duration.ZERO;
    private volatile int documentPages = 3;

    private OssMockServer() {
        for (int i = 0; i < pages.length; i++) {
            pages[i] = Png.page(48, 64, i + 1);
        }
        secrets.put(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        this.xmlInput = XMLInputFactory.newFactory();
        xmlInput.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xmlInput.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        this.loops = LoopResources.create("ferry-oss-mock", 1, true);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .httpRequestDecoder(spec -> spec.maxInitialLineLength(32 * 1024).maxHeaderSize(64 * 1024))
                .handle(this::handle)
                .bindNow(Duration.ofSeconds(10));
        this.endpoint = URI.create("http://127.0.0.1:" + server.port());
    }

    /** Starts a server on a random loopback port with one access key ({@link #ACCESS_KEY_ID}) and no bucket. */
    public static OssMockServer start() {
        return new OssMockServer();
    }

    /** {@code http://127.0.0.1:<port>}: path-style, or CNAME for a host bound with {@link #bindCname}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return server.port();
    }

    public OssMockServer createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new ConcurrentSkipListMap<>());
        return this;
    }

    public OssMockServer addCredentials(String accessKeyId, String secret) {
        secrets.put(accessKeyId, secret);
        return this;
    }

    /** STS credentials: requests signed with this key must carry this security token. */
    public OssMockServer addStsCredentials(String accessKeyId, String secret, String securityToken) {
        secrets.put(accessKeyId, secret);
        tokens.put(accessKeyId, securityToken);
        return this;
    }

    /** Requests whose Host (without port) is {@code host} address {@code bucket}, with the key as the whole path. */
    public OssMockServer bindCname(String host, String bucket) {
        cnames.put(host.toLowerCase(Locale.ROOT), bucket);
        return this;
    }

    public OssMockServer unbindCname(String host) {
        cnames.remove(host.toLowerCase(Locale.ROOT));
        return this;
    }

    /** Answers the next matching requests with this error instead of serving them. */
    public OssMockServer inject(Fault fault) {
        faults.add(new PendingFault(fault));
        return this;
    }

    /** Makes the server's clock run this far ahead of (or, negative, behind) the machine's. */
    public OssMockServer serverClockOffset(Duration offset) {
        this.clockOffset = offset;
        return this;
    }

    /** How long after accepting an async task its target objects appear. Default: at once. */
    public OssMockServer asyncProcessDelay(Duration delay) {
        this.asyncDelay = delay;
        return this;
    }

    /** How many pages a converted document has when the save-as key numbers them with {@code {index}}. Default 3. */
    public OssMockServer documentPages(int pages) {
        if (pages < 1 || pages > this.pages.length) {
            throw new IllegalArgumentException("documentPages must be 1.." + this.pages.length + ", was " + pages);
        }
        this.documentPages = pages;
        return this;
    }

    public Optional<StoredObject> object(String bucket, String key) {
        Map<String, StoredObject> b = buckets.get(bucket);
        return Optional.ofNullable(b == null ? null : b.get(key));
    }

    /** Stores an object directly, without a request. */
    public OssMockServer putObject(String bucket, String key, byte[] content, String contentType) {
        createBucket(bucket);
        buckets.get(bucket).put(key, stored(content, contentType, "Normal", Map.of(), Map.of()));
        return this;
    }

    public List<String> keys(String bucket) {
        Map<String, StoredObject> b = buckets.get(bucket);
        return b == null ? List.of() : List.copyOf(b.keySet());
    }

    public List<AsyncTask> asyncTasks() {
        return List.copyOf(tasks);
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int openUploads() {
        return uploads.size();
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
        loops.disposeLater().block(Duration.ofSeconds(10));
    }

    // ---------------------------------------------------------------------------------------------

    private Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY).flatMap(body -> {
            Exchange x = new Exchange(req, body);
            Reply reply;
            try {
                reply = serve(x);
            } catch (BadRequest e) {
                reply = error(x, e.status, e.code, e.getMessage(), Map.of());
            } catch (RuntimeException e) {
                reply = error(x, 500, "InternalError", "the mock failed: " + e, Map.of());
            }
            requests.add(new RecordedRequest(x.method, x.host, x.uri, x.headers, body.length, reply.status, reply.errorCode));
            return write(x, res, reply);
        });
    }

    private Mono<Void> write(Exchange x, HttpServerResponse res, Reply reply) {
        res.status(HttpResponseStatus.valueOf(reply.status));
        res.header("Server", "AliyunOSS");
        res.header("Date", HTTP_DATE.format(now()));
        res.header("x-oss-request-id", x.requestId);
        res.header("x-oss-server-time", "1");
        reply.headers.forEach(res::header);
        if (x.method.equals("HEAD")) {
            res.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(reply.headLength));
            return res.send().then();
        }
        res.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(reply.body.length));
        return res.sendByteArray(Mono.just(reply.body)).then();
    }

    private Reply serve(Exchange x) {
        PendingFault fault = takeFault(x);
        if (fault != null) {
            Fault f = fault.fault;
            Map<String, String> extra = new LinkedHashMap<>();
            Reply r = error(x, f.status(), f.code(), f.message(), extra, f.emptyBody(), f.ec());
            return r;
        }
        Reply denied = authenticate(x);
        if (denied != null) {
            return denied;
        }
        String md5 = x.header("content-md5");
        if (!md5.isEmpty() && !md5.equals(Base64.getEncoder().encodeToString(md5(x.body)))) {
            return error(x, 400, "InvalidDigest", "The Content-MD5 you specified was invalid.", Map.of());
        }
        if (x.bucket == null) {
            return error(x, 501, "NotImplemented", "The mock serves object requests only.", Map.of());
        }
        if (!buckets.containsKey(x.bucket)) {
            return error(x, 404, "NoSuchBucket", "The specified bucket does not exist.", Map.of("BucketName", x.bucket));
        }
        if (x.key == null || x.key.isEmpty()) {
            return error(x, 501, "NotImplemented", "The mock serves object requests only.", Map.of());
        }
        return switch (x.method) {
            case "PUT" -> x.has("partNumber") && x.has("uploadId") ? uploadPart(x)
                    : !x.header("x-oss-copy-source").isEmpty() ? notImplemented(x, "CopyObject") : putObject(x);
            case "GET" -> x.has("uploadId") ? listParts(x) : x.has("x-oss-process") ? notImplemented(x, "GetObject with x-oss-process") : getObject(x);
            case "HEAD" -> headObject(x);
            case "DELETE" -> x.has("uploadId") ? abort(x) : deleteObject(x);
            case "POST" -> x.has("uploads") ? initiate(x) : x.has("uploadId") ? complete(x)
                    : x.has("x-oss-async-process") ? asyncProcess(x) : x.has("x-oss-process") ? syncProcess(x)
                    : notImplemented(x, "this POST");
            default -> error(x, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.", Map.of());
        };
    }

    private @Nullable PendingFault takeFault(Exchange x) {
        synchronized (faults) {
            for (PendingFault p : faults) {
                Fault f = p.fault;
                if ((f.method() == null || f.method().equalsIgnoreCase(x.method)) && (f.query() == null || x.has(f.query()))) {
                    if (--p.remaining == 0) {
                        faults.remove(p);
                    }
                    return p;
                }
            }
        }
        return null;
    }

    // ----- authentication ---------------------------------------------------------------------------

    private @Nullable Reply authenticate(Exchange x) {
        String authorization = x.header("authorization");
        if (authorization.startsWith("OSS4-HMAC-SHA256 ")) {
            return v4Header(x, authorization.substring("OSS4-HMAC-SHA256 ".length()));
        }
        if (authorization.startsWith("OSS ")) {
            return v1Header(x, authorization.substring(4));
        }
        if (x.has("x-oss-signature-version")) {
            return v4Query(x);
        }
        if (x.has("OSSAccessKeyId") && x.has("Signature")) {
            return v1Query(x);
        }
        return error(x, 403, "AccessDenied", "You have no right to access this object because of bucket acl.", Map.of());
    }

    private @Nullable Reply v4Header(Exchange x, String fields) {
        Map<String, String> auth = new LinkedHashMap<>();
        for (String part : fields.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                auth.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String credential = auth.get("Credential");
        String provided = auth.get("Signature");
        if (credential == null || provided == null) {
            return error(x, 400, "InvalidArgument", "Authorization header is malformed: Credential and Signature are required.", Map.of());
        }
        String xOssDate = x.header("x-oss-date");
        if (xOssDate.isEmpty()) {
            return error(x, 400, "InvalidArgument", "x-oss-date header is required with signature V4.", Map.of());
        }
        String payload = x.header("x-oss-content-sha256");
        if (payload.isEmpty()) {
            return error(x, 400, "InvalidArgument", "x-oss-content-sha256 header is required with signature V4.", Map.of());
        }
        if (!payload.equals("UNSIGNED-PAYLOAD") && !payload.equalsIgnoreCase(HexFormat.of().formatHex(SignatureCheck.sha256(x.body)))) {
            return error(x, 400, "InvalidArgument", "x-oss-content-sha256 does not match the body.", Map.of());
        }
        List<String> additional = auth.containsKey("AdditionalHeaders") && !auth.get("AdditionalHeaders").isEmpty()
                ? List.of(auth.get("AdditionalHeaders").toLowerCase(Locale.ROOT).split(";")) : List.of();
        Instant signed = parseIsoBasic(xOssDate);
        if (signed == null) {
            return error(x, 400, "InvalidArgument", "x-oss-date '" + xOssDate + "' is not yyyyMMdd'T'HHmmss'Z'.", Map.of());
        }
        Reply skew = checkSkew(x, signed);
        if (skew != null) {
            return skew;
        }
        return verifyV4(x, credential, xOssDate, additional, payload, provided, x.query, "x-oss-security-token", x.header("x-oss-security-token"));
    }

    private @Nullable Reply v4Query(Exchange x) {
        if (!"OSS4-HMAC-SHA256".equals(x.param("x-oss-signature-version"))) {
            return error(x, 400, "InvalidArgument", "Unsupported x-oss-signature-version.", Map.of());
        }
        String credential = x.param("x-oss-credential");
        String date = x.param("x-oss-date");
        String expires = x.param("x-oss-expires");
        String provided = x.param("x-oss-signature");
        if (credential == null || date == null || expires == null || provided == null) {
            return error(x, 400, "InvalidArgument", "x-oss-credential, x-oss-date, x-oss-expires and x-oss-signature are required.", Map.of());
        }
        Instant signed = parseIsoBasic(date);
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (signed == null || seconds <= 0 || seconds > 604_800) {
            return error(x, 400, "InvalidArgument", "x-oss-date or x-oss-expires is invalid (expires must be 1..604800).", Map.of());
        }
        if (now().isAfter(signed.plusSeconds(seconds))) {
            return error(x, 403, "AccessDenied", "Request has expired.", Map.of("Expires", signed.plusSeconds(seconds).toString(),
                    "ServerTime", now().truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        List<Param> signedQuery = x.query.stream().filter(p -> !p.name().equals("x-oss-signature")).toList();
        String additionalParam = x.param("x-oss-additional-headers");
        List<String> additional = additionalParam == null || additionalParam.isEmpty() ? List.of()
                : List.of(additionalParam.toLowerCase(Locale.ROOT).split(";"));
        String token = x.param("x-oss-security-token");
        return verifyV4(x, credential, date, additional, "UNSIGNED-PAYLOAD", provided, signedQuery, "x-oss-security-token",
                token == null ? "" : token);
    }

    private @Nullable Reply verifyV4(Exchange x, String credential, String xOssDate, List<String> additional, String payload,
                                     String provided, List<Param> query, String tokenName, String token) {
        String[] c = credential.split("/");
        if (c.length != 5 || !c[4].equals("aliyun_v4_request")) {
            return error(x, 400, "InvalidArgument", "Credential '" + credential + "' is not <ak>/<date>/<region>/oss/aliyun_v4_request.", Map.of());
        }
        String secret = secrets.get(c[0]);
        if (secret == null) {
            return error(x, 403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.",
                    Map.of("OSSAccessKeyId", c[0]));
        }
        Reply sts = checkToken(x, c[0], token, tokenName);
        if (sts != null) {
            return sts;
        }
        if (!c[2].equals(REGION) || !c[3].equals("oss")) {
            return error(x, 400, "InvalidArgument", "Invalid signing region or product in Authorization: expected "
                    + REGION + "/oss, got " + c[2] + "/" + c[3] + ".", Map.of());
        }
        if (!xOssDate.startsWith(c[1])) {
            return error(x, 403, "SignatureDoesNotMatch", "The date of the credential scope is not the date of x-oss-date.", Map.of());
        }
        String canonical = SignatureCheck.v4CanonicalRequest(x.method, x.bucket, x.key, query, x.headers, additional, payload);
        String scope = c[1] + "/" + c[2] + "/" + c[3] + "/" + c[4];
        String stringToSign = SignatureCheck.v4StringToSign(xOssDate, scope, canonical);
        String expected = SignatureCheck.v4Signature(secret, c[1], c[2], c[3], stringToSign);
        if (!SignatureCheck.same(expected, provided)) {
            return signatureMismatch(x, stringToSign, canonical, provided);
        }
        return null;
    }

    private @Nullable Reply v1Header(Exchange x, String credentials) {
        int colon = credentials.lastIndexOf(':');
        if (colon <= 0) {
            return error(x, 400, "InvalidArgument", "Authorization header is malformed.", Map.of());
        }
        String ak = credentials.substring(0, colon);
        String provided = credentials.substring(colon + 1);
        String date = x.header("date");
        Instant signed = parseHttpDate(date);
        if (signed == null) {
            return error(x, 403, "AccessDenied", "Date header is missing or malformed.", Map.of());
        }
        Reply skew = checkSkew(x, signed);
        if (skew != null) {
            return skew;
        }
        return verifyV1(x, ak, provided, date, x.header("x-oss-security-token"), "x-oss-security-token");
    }

    private @Nullable Reply v1Query(Exchange x) {
        String expires = x.param("Expires");
        long epoch;
        try {
            epoch = Long.parseLong(expires == null ? "" : expires);
        } catch (NumberFormatException e) {
            return error(x, 400, "InvalidArgument", "Expires is not a number.", Map.of());
        }
        if (now().getEpochSecond() > epoch) {
            return error(x, 403, "AccessDenied", "Request has expired.", Map.of());
        }
        String token = x.param("security-token");
        return verifyV1(x, x.param("OSSAccessKeyId"), x.param("Signature"), expires, token == null ? "" : token, "security-token");
    }

    private @Nullable Reply verifyV1(Exchange x, String ak, String provided, String dateOrExpires, String token, String tokenName) {
        String secret = secrets.get(ak);
        if (secret == null) {
            return error(x, 403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.",
                    Map.of("OSSAccessKeyId", ak));
        }
        Reply sts = checkToken(x, ak, token, tokenName);
        if (sts != null) {
            return sts;
        }
        String stringToSign = SignatureCheck.v1StringToSign(x.method, x.bucket, x.key, x.query, x.headers, dateOrExpires);
        String expected = SignatureCheck.v1Signature(secret, stringToSign);
        if (!SignatureCheck.same(expected, provided)) {
            return signatureMismatch(x, stringToSign, "", provided);
        }
        return null;
    }

    private @Nullable Reply checkToken(Exchange x, String ak, String token, String tokenName) {
        String expected = tokens.get(ak);
        if (expected != null && !expected.equals(token)) {
            return error(x, 403, "InvalidSecurityToken", "The security token you provided is invalid (" + tokenName + ").", Map.of());
        }
        return null;
    }

    private @Nullable Reply checkSkew(Exchange x, Instant signed) {
        Instant now = now();
        if (Duration.between(signed, now).abs().compareTo(MAX_SKEW) > 0) {
            return error(x, 403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.",
                    Map.of("RequestTime", signed.toString(), "ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        return null;
    }

    private Reply signatureMismatch(Exchange x, String stringToSign, String canonical, String provided) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("SignatureProvided", provided);
        extra.put("StringToSign", stringToSign);
        extra.put("StringToSignBytes", HexFormat.ofDelimiter(" ").formatHex(stringToSign.getBytes(StandardCharsets.UTF_8)));
        if (!canonical.isEmpty()) {
            extra.put("CanonicalRequest", canonical);
        }
        return error(x, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."
                + " Check your key and signing method.", extra);
    }

    // ----- objects ----------------------------------------------------------------------------------

    private Reply putObject(Exchange x) {
        ConcurrentSkipListMap<String, StoredObject> bucket = buckets.get(x.bucket);
        if ("true".equalsIgnoreCase(x.header("x-oss-forbid-overwrite")) && bucket.containsKey(x.key)) {
            return error(x, 409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.", Map.of());
        }
        StoredObject o = stored(x.body, x.header("content-type"), "Normal", userMetadata(x), kept(x));
        bucket.put(x.key, o);
        return new Reply(200, Map.of("ETag", quoted(o.etag()), "x-oss-hash-crc64ecma", o.crc64(),
                "Content-MD5", Base64.getEncoder().encodeToString(md5(x.body))), EMPTY);
    }

    private Reply getObject(Exchange x) {
        StoredObject o = buckets.get(x.bucket).get(x.key);
        if (o == null) {
            return noSuchKey(x);
        }
        Map<String, String> headers = objectHeaders(o);
        byte[] content = o.content();
        String range = x.header("range");
        if (range.startsWith("bytes=") && !range.contains(",")) {
            long[] r = range(range.substring(6), content.length);
            if (r != null) {
                if (r[0] >= content.length) {
                    return error(x, 416, "InvalidRange", "The requested range cannot be satisfied.", Map.of());
                }
                byte[] part = java.util.Arrays.copyOfRange(content, (int) r[0], (int) r[1] + 1);
                headers.put("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + content.length);
                return new Reply(206, headers, part);
            }
        }
        return new Reply(200, headers, content);
    }

    private Reply headObject(Exchange x) {
        StoredObject o = buckets.get(x.bucket).get(x.key);
        if (o == null) {
            return noSuchKey(x);
        }
        Reply r = new Reply(200, objectHeaders(o), EMPTY);
        r.headLength = o.content().length;
        return r;
    }

    private Reply deleteObject(Exchange x) {
        buckets.get(x.bucket).remove(x.key);
        return new Reply(204, Map.of(), EMPTY);
    }

    // ----- multipart ----------------------------------------------------------------------------

    private Reply initiate(Exchange x) {
        String id = HEX_UPPER.formatHex(uuidBytes());
        uploads.put(id, new Upload(x.bucket, x.key, x.header("content-type"), userMetadata(x), kept(x),
                "true".equalsIgnoreCase(x.header("x-oss-forbid-overwrite"))));
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult>\n"
                + "  <Bucket>" + esc(x.bucket) + "</Bucket>\n  <Key>" + esc(x.key) + "</Key>\n  <UploadId>" + id + "</UploadId>\n"
                + "</InitiateMultipartUploadResult>\n";
        return xmlReply(200, xml);
    }

    private @Nullable Upload upload(Exchange x) {
        Upload u = uploads.get(x.param("uploadId"));
        return u != null && u.bucket.equals(x.bucket) && u.key.equals(x.key) ? u : null;
    }

    private Reply uploadPart(Exchange x) {
        Upload u = upload(x);
        if (u == null) {
            return noSuchUpload(x);
        }
        int number;
        try {
            number = Integer.parseInt(x.param("partNumber"));
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 10_000) {
            return error(x, 400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive.", Map.of());
        }
        PartData p = new PartData(x.body, HEX_UPPER.formatHex(md5(x.body)), now());
        u.parts.put(number, p);
        return new Reply(200, Map.of("ETag", quoted(p.etag), "x-oss-hash-crc64ecma", Crc64.header(x.body)), EMPTY);
    }

    private Reply complete(Exchange x) {
        Upload u = upload(x);
        if (u == null) {
            return noSuchUpload(x);
        }
        List<int[]> order = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        try {
            XMLStreamReader r = xmlInput.createXMLStreamReader(new ByteArrayInputStream(x.body));
            String number = null;
            String etag = null;
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "PartNumber" -> number = r.getElementText().trim();
                        case "ETag" -> etag = r.getElementText().trim();
                        default -> {
                        }
                    }
                } else if (e == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("Part")) {
                    if (number == null || etag == null) {
                        return error(x, 400, "MalformedXML", "Each Part needs a PartNumber and an ETag.", Map.of());
                    }
                    order.add(new int[] {Integer.parseInt(number)});
                    etags.add(etag.replace("\"", ""));
                    number = null;
                    etag = null;
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            return error(x, 400, "MalformedXML", "The XML you provided was not well-formed: " + e.getMessage(), Map.of());
        }
        if (order.isEmpty()) {
            return error(x, 400, "MalformedXML", "The CompleteMultipartUpload document lists no part.", Map.of());
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        int previous = 0;
        for (int i = 0; i < order.size(); i++) {
            int n = order.get(i)[0];
            if (n <= previous) {
                return error(x, 400, "InvalidPartOrder", "The list of parts was not in ascending order.", Map.of());
            }
            previous = n;
            PartData p = u.parts.get(n);
            if (p == null || !p.etag.equalsIgnoreCase(etags.get(i))) {
                return error(x, 400, "InvalidPart", "One or more of the specified parts could not be found or the specified"
                        + " entity tag might not have matched the part's entity tag.", Map.of("PartNumber", Integer.toString(n)));
            }
            if (i < order.size() - 1 && p.content.length < MIN_PART_SIZE) {
                return error(x, 400, "EntityTooSmall", "Your proposed upload smaller than the minimum allowed size.",
                        Map.of("PartNumber", Integer.toString(n), "MinSizeAllowed", Long.toString(MIN_PART_SIZE)));
            }
            content.writeBytes(p.content);
            md5s.writeBytes(HexFormat.of().parseHex(p.etag));
        }
        ConcurrentSkipListMap<String, StoredObject> bucket = buckets.get(x.bucket);
        if (u.forbidOverwrite && bucket.containsKey(x.key)) {
            return error(x, 409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.", Map.of());
        }
        byte[] bytes = content.toByteArray();
        String etag = HEX_UPPER.formatHex(md5(md5s.toByteArray())) + "-" + order.size();
        StoredObject o = new StoredObject(bytes, u.contentType.isEmpty() ? "application/octet-stream" : u.contentType, etag, now(),
                "Multipart", u.metadata, u.headers);
        bucket.put(x.key, o);
        uploads.remove(x.param("uploadId"));
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult>\n"
                + "  <Location>http://" + esc(x.bucket) + "." + SERVICE_DOMAIN + "/" + esc(x.key) + "</Location>\n"
                + "  <Bucket>" + esc(x.bucket) + "</Bucket>\n  <Key>" + esc(x.key) + "</Key>\n  <ETag>\"" + etag + "\"</ETag>\n"
                + "</CompleteMultipartUploadResult>\n";
        Reply r = xmlReply(200, xml);
        r.headers.put("x-oss-hash-crc64ecma", o.crc64());
        return r;
    }

    private Reply abort(Exchange x) {
        if (upload(x) == null) {
            return noSuchUpload(x);
        }
        uploads.remove(x.param("uploadId"));
        return new Reply(204, Map.of(), EMPTY);
    }

    private Reply listParts(Exchange x) {
        Upload u = upload(x);
        if (u == null) {
            return noSuchUpload(x);
        }
        int max = intParam(x, "max-parts", 1000);
        int marker = intParam(x, "part-number-marker", 0);
        List<Map.Entry<Integer, PartData>> after = new ArrayList<>(u.parts.tailMap(marker, false).entrySet());
        boolean truncated = after.size() > max;
        List<Map.Entry<Integer, PartData>> page = after.subList(0, Math.min(max, after.size()));
        int next = page.isEmpty() ? marker : page.get(page.size() - 1).getKey();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListPartsResult>\n")
                .append("  <Bucket>").append(esc(x.bucket)).append("</Bucket>\n")
                .append("  <Key>").append(esc(x.key)).append("</Key>\n")
                .append("  <UploadId>").append(x.param("uploadId")).append("</UploadId>\n")
                .append("  <PartNumberMarker>").append(marker).append("</PartNumberMarker>\n")
                .append("  <NextPartNumberMarker>").append(next).append("</NextPartNumberMarker>\n")
                .append("  <MaxParts>").append(max).append("</MaxParts>\n")
                .append("  <IsTruncated>").append(truncated).append("</IsTruncated>\n");
        for (Map.Entry<Integer, PartData> e : page) {
            PartData p = e.getValue();
            xml.append("  <Part>\n    <PartNumber>").append(e.getKey()).append("</PartNumber>\n")
                    .append("    <LastModified>").append(p.lastModified.truncatedTo(ChronoUnit.MILLIS)).append("</LastModified>\n")
                    .append("    <ETag>\"").append(p.etag).append("\"</ETag>\n")
                    .append("    <HashCrc64ecma>").append(Crc64.header(p.content)).append("</HashCrc64ecma>\n")
                    .append("    <Size>").append(p.content.length).append("</Size>\n  </Part>\n");
        }
        xml.append("</ListPartsResult>\n");
        return xmlReply(200, xml.toString());
    }

    // ----- processing ----------------------------------------------------------------------------

    private Reply asyncProcess(Exchange x) {
        String process = processFromBody(x, "x-oss-async-process=");
        StoredObject source = buckets.get(x.bucket).get(x.key);
        if (source == null) {
            return noSuchKey(x);
        }
        Instruction in = Instruction.parse(process);
        if (!in.action.startsWith("doc/convert,")) {
            throw new BadRequest(400, "InvalidArgument", "The mock processes doc/convert asynchronously, not '" + in.action + "'.");
        }
        List<String> params = List.of(in.action.substring("doc/convert,".length()).split(","));
        if (!params.contains("target_png")) {
            throw new BadRequest(400, "InvalidArgument", "The mock converts to target_png only; got '" + in.action + "'.");
        }
        if (in.saveKey == null) {
            throw new BadRequest(400, "InvalidArgument", "Asynchronous processing needs sys/saveas with o_<key>.");
        }
        String targetBucket = in.saveBucket != null ? in.saveBucket : x.bucket;
        if (!buckets.containsKey(targetBucket)) {
            return error(x, 404, "NoSuchBucket", "The bucket of sys/saveas does not exist.", Map.of("BucketName", targetBucket));
        }
        List<String> keys = new ArrayList<>();
        if (in.saveKey.contains("{index}")) {
            for (int page = 1; page <= documentPages; page++) {
                keys.add(in.saveKey.replace("{index}", Integer.toString(page)));
            }
        } else {
            keys.add(in.saveKey);
        }
        Runnable writeTargets = () -> {
            for (int i = 0; i < keys.size(); i++) {
                buckets.get(targetBucket).put(keys.get(i), stored(pages[i % pages.length], "image/png", "Normal", Map.of(), Map.of()));
            }
        };
        Duration delay = asyncDelay;
        if (delay.isZero()) {
            writeTargets.run();
        } else {
            Mono.delay(delay).subscribe(tick -> writeTargets.run());
        }
        String eventId = "1" + ThreadLocalRandom.current().nextInt(10, 99) + "-" + HEX_UPPER.formatHex(uuidBytes()).substring(0, 24);
        String taskId = "DocConvert-" + HexFormat.of().formatHex(uuidBytes());
        String backendRequestId = HEX_UPPER.formatHex(uuidBytes()).substring(0, 24);
        tasks.add(new AsyncTask(eventId, taskId, x.requestId, x.bucket, x.key, process,
                keys.stream().map(k -> targetBucket + "/" + k).toList(), in.topic));
        String json = "{\"EventId\":\"" + eventId + "\",\"RequestId\":\"" + backendRequestId + "\",\"TaskId\":\"" + taskId + "\"}";
        return new Reply(200, new LinkedHashMap<>(Map.of("Content-Type", "application/json;charset=utf-8")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private Reply syncProcess(Exchange x) {
        String process = processFromBody(x, "x-oss-process=");
        StoredObject source = buckets.get(x.bucket).get(x.key);
        if (source == null) {
            return noSuchKey(x);
        }
        Instruction in = Instruction.parse(process);
        if (!in.action.startsWith("image/")) {
            throw new BadRequest(400, "InvalidArgument", "The mock processes image/... synchronously, not '" + in.action + "'.");
        }
        if (in.saveKey == null) {
            throw new BadRequest(400, "InvalidArgument", "ProcessObject needs sys/saveas with o_<key>.");
        }
        String targetBucket = in.saveBucket != null ? in.saveBucket : x.bucket;
        if (!buckets.containsKey(targetBucket)) {
            return error(x, 404, "NoSuchBucket", "The bucket of sys/saveas does not exist.", Map.of("BucketName", targetBucket));
        }
        byte[] png = pages[0];
        buckets.get(targetBucket).put(in.saveKey, stored(png, "image/png", "Normal", Map.of(), Map.of()));
        String json = "{\n    \"bucket\": \"" + jsonEsc(targetBucket) + "\",\n    \"fileSize\": " + png.length
                + ",\n    \"object\": \"" + jsonEsc(in.saveKey) + "\",\n    \"status\": \"OK\"}";
        return new Reply(200, new LinkedHashMap<>(Map.of("Content-Type", "application/json;charset=utf-8")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String processFromBody(Exchange x, String prefix) {
        String body = new String(x.body, StandardCharsets.UTF_8);
        if (!body.startsWith(prefix) || body.length() == prefix.length()) {
            throw new BadRequest(400, "InvalidArgument", "The body must be '" + prefix + "<instruction>'.");
        }
        return body.substring(prefix.length());
    }

    /** {@code action|sys/saveas,b_<b64>,o_<b64>[/notify,topic_<b64>]}, names in URL-safe Base64. */
    private record Instruction(String action, @Nullable String saveBucket, @Nullable String saveKey, @Nullable String topic) {
        static Instruction parse(String process) {
            String[] parts = process.split("\\|");
            String action = parts[0];
            if (action.isEmpty() || action.indexOf('/') <= 0) {
                throw new BadRequest(400, "InvalidArgument", "The process '" + process + "' has no action.");
            }
            String bucket = null;
            String key = null;
            String topic = null;
            for (int i = 1; i < parts.length; i++) {
                String[] steps = parts[i].split("/");
                if (!steps[0].equals("sys")) {
                    throw new BadRequest(400, "InvalidArgument", "Unknown process part '" + parts[i] + "'.");
                }
                for (int s = 1; s < steps.length; s++) {
                    String[] args = steps[s].split(",");
                    switch (args[0]) {
                        case "saveas" -> {
                            for (int a = 1; a < args.length; a++) {
                                if (args[a].startsWith("b_")) {
                                    bucket = decodeName(args[a].substring(2), "b_");
                                } else if (args[a].startsWith("o_")) {
                                    key = decodeName(args[a].substring(2), "o_");
                                } else {
                                    throw new BadRequest(400, "InvalidArgument", "Unknown saveas parameter '" + args[a] + "'.");
                                }
                            }
                        }
                        case "notify" -> {
                            for (int a = 1; a < args.length; a++) {
                                if (args[a].startsWith("topic_")) {
                                    topic = decodeName(args[a].substring(6), "topic_");
                                }
                            }
                        }
                        default -> throw new BadRequest(400, "InvalidArgument", "Unknown sys step '" + steps[s] + "'.");
                    }
                }
            }
            return new Instruction(action, bucket, key, topic);
        }

        private static String decodeName(String b64, String what) {
            try {
                String unpadded = b64.endsWith("=") ? b64.replaceAll("=+$", "") : b64;
                return new String(Base64.getUrlDecoder().decode(unpadded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(400, "InvalidArgument", what + "'" + b64 + "' is not URL-safe Base64.");
            }
        }
    }

    // ----- helpers ---------------------------------------------------------------------------------

    private Reply noSuchKey(Exchange x) {
        return error(x, 404, "NoSuchKey", "The specified key does not exist.", Map.of("Key", x.key == null ? "" : x.key));
    }

    private Reply noSuchUpload(Exchange x) {
        return error(x, 404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload"
                + " may have been aborted or completed.", Map.of("UploadId", String.valueOf(x.param("uploadId"))));
    }

    private Reply notImplemented(Exchange x, String what) {
        return error(x, 501, "NotImplemented", "The mock does not implement " + what + ".", Map.of());
    }

    private Reply error(Exchange x, int status, String code, String message, Map<String, String> extra) {
        return error(x, status, code, message, extra, x.method.equals("HEAD"), null);
    }

    private Reply error(Exchange x, int status, String code, String message, Map<String, String> extra, boolean emptyBody,
                        @Nullable String ec) {
        String errorCode = ec != null ? ec : EC.getOrDefault(code, "0000-00000000");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n")
                .append("  <Code>").append(esc(code)).append("</Code>\n")
                .append("  <Message>").append(esc(message)).append("</Message>\n")
                .append("  <RequestId>").append(x.requestId).append("</RequestId>\n")
                .append("  <HostId>").append(esc(x.host)).append("</HostId>\n");
        extra.forEach((name, value) -> xml.append("  <").append(name).append('>').append(esc(value)).append("</").append(name).append(">\n"));
        xml.append("  <EC>").append(errorCode).append("</EC>\n")
                .append("  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=").append(errorCode).append("</RecommendDoc>\n")
                .append("</Error>\n");
        byte[] document = xml.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-oss-ec", errorCode);
        Reply r;
        if (emptyBody) {
            headers.put("x-oss-err", Base64.getEncoder().encodeToString(document));
            r = new Reply(status, headers, EMPTY);
        } else {
            headers.put("Content-Type", "application/xml");
            r = new Reply(status, headers, document);
        }
        r.errorCode = code;
        return r;
    }

    private static Reply xmlReply(int status, String xml) {
        return new Reply(status, new LinkedHashMap<>(Map.of("Content-Type", "application/xml")), xml.getBytes(StandardCharsets.UTF_8));
    }

    private StoredObject stored(byte[] content, String contentType, String type, Map<String, String> metadata,
                                Map<String, String> headers) {
        return new StoredObject(content, contentType.isEmpty() ? "application/octet-stream" : contentType,
                HEX_UPPER.formatHex(md5(content)), now(), type, metadata, headers);
    }

    private static Map<String, String> objectHeaders(StoredObject o) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", o.contentType());
        h.put("ETag", quoted(o.etag()));
        h.put("Last-Modified", HTTP_DATE.format(o.lastModified()));
        h.put("Accept-Ranges", "bytes");
        h.put("x-oss-object-type", o.objectType());
        h.put("x-oss-storage-class", "Standard");
        h.put("x-oss-hash-crc64ecma", o.crc64());
        o.metadata().forEach((k, v) -> h.put("x-oss-meta-" + k, v));
        h.putAll(o.headers());
        return h;
    }

    private static Map<String, String> userMetadata(Exchange x) {
        Map<String, String> meta = new LinkedHashMap<>();
        x.headers.forEach((name, values) -> {
            if (name.startsWith("x-oss-meta-")) {
                meta.put(name.substring("x-oss-meta-".length()), values.get(0));
            }
        });
        return meta;
    }

    /** The headers OSS keeps with an object and returns on reads. */
    private static Map<String, String> kept(Exchange x) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : List.of("cache-control", "content-disposition", "content-encoding", "expires")) {
            String v = x.header(name);
            if (!v.isEmpty()) {
                kept.put(name, v);
            }
        }
        return kept;
    }

    private static long @Nullable [] range(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                return suffix <= 0 ? null : new long[] {Math.max(0, length - suffix), length - 1};
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
            return last < first && first < length ? null : new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int intParam(Exchange x, String name, int absent) {
        String v = x.param(name);
        try {
            return v == null ? absent : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "InvalidArgument", name + " must be an integer, was '" + v + "'.");
        }
    }

    private Instant now() {
        return Instant.now().plus(clockOffset);
    }

    private static @Nullable Instant parseIsoBasic(String s) {
        try {
            return LocalDateTime.parse(s, ISO_BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Instant parseHttpDate(String s) {
        try {
            return java.time.ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random bytes for ids. Not SecureRandom: it may read /dev/urandom, which blocks an event loop. */
    private static byte[] uuidBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String jsonEsc(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A request as the mock reads it: decoded path split into bucket and key, decoded query pairs, lower-case headers. */
    private final class Exchange {
        final String method;
        final String uri;
        final String host;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final List<Param> query = new ArrayList<>();
        final byte[] body;
        final String requestId;
        @Nullable String bucket;
        @Nullable String key;

        Exchange(HttpServerRequest req, byte[] body) {
            this.method = req.method().name();
            this.uri = req.uri();
            this.body = body;
            this.requestId = String.format("%016X%08X", requestCounter.incrementAndGet(), ThreadLocalRandom.current().nextInt());
            req.requestHeaders().forEach(e -> headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(e.getValue()));
            String hostHeader = header("host");
            this.host = hostHeader.contains(":") ? hostHeader.substring(0, hostHeader.lastIndexOf(':')) : hostHeader;
            int q = uri.indexOf('?');
            String rawPath = q < 0 ? uri : uri.substring(0, q);
            if (q >= 0) {
                for (String pair : uri.substring(q + 1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    query.add(new Param(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1))));
                }
            }
            String path = decode(rawPath);
            String lowerHost = host.toLowerCase(Locale.ROOT);
            String cnameBucket = cnames.get(lowerHost);
            if (cnameBucket != null) {
                bucket = cnameBucket;
                key = path.length() > 1 ? path.substring(1) : null;
            } else if (lowerHost.endsWith("." + SERVICE_DOMAIN)) {
                bucket = lowerHost.substring(0, lowerHost.length() - SERVICE_DOMAIN.length() - 1);
                key = path.length() > 1 ? path.substring(1) : null;
            } else {
                String rest = path.length() > 1 ? path.substring(1) : "";
                int slash = rest.indexOf('/');
                bucket = rest.isEmpty() ? null : slash < 0 ? rest : rest.substring(0, slash);
                key = slash < 0 || slash == rest.length() - 1 ? null : rest.substring(slash + 1);
            }
        }

        String header(String lowerName) {
            List<String> v = headers.get(lowerName);
            return v == null || v.isEmpty() ? "" : v.get(0);
        }

        boolean has(String param) {
            return query.stream().anyMatch(p -> p.name().equals(param));
        }

        @Nullable String param(String name) {
            return query.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst().orElse(null);
        }

        private String decode(String s) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%') {
                    if (i + 2 >= s.length()) {
                        throw new BadRequest(400, "InvalidURI", "Truncated percent-escape in '" + s + "'.");
                    }
                    int hi = Character.digit(s.charAt(i + 1), 16);
                    int lo = Character.digit(s.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        throw new BadRequest(400, "InvalidURI", "Malformed percent-escape in '" + s + "'.");
                    }
                    out.write(hi << 4 | lo);
                    i += 2;
                } else {
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Reply {
        final int status;
        final Map<String, String> headers;
        final byte[] body;
        long headLength;
        String errorCode = "";

        Reply(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = new LinkedHashMap<>(headers);
            this.body = body;
        }
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        BadRequest(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private static final class PendingFault {
        final Fault fault;
        int remaining;

        PendingFault(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

    private record PartData(byte[] content, String etag, Instant lastModified) {
    }

    private static final class Upload {
        final String bucket;
        final String key;
        final String contentType;
        final Map<String, String> metadata;
        final Map<String, String> headers;
        final boolean forbidOverwrite;
        final ConcurrentSkipListMap<Integer, PartData> parts = new ConcurrentSkipListMap<>();

        Upload(String bucket, String key, String contentType, Map<String, String> metadata, Map<String, String> headers,
               boolean forbidOverwrite) {
            this.bucket = bucket;
            this.key = key;
            this.contentType = contentType;
            this.metadata = metadata;
            this.headers = headers;
            this.forbidOverwrite = forbidOverwrite;
        }
    }
}
