package dev.ferry.bench.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.IncrementalChecksum;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal S3 endpoint that discards what it receives: PutObject, multipart create / part /
 * complete / abort, GetObject of a stored size from one preallocated buffer, HeadObject, and bucket
 * create / head. It verifies no signature, so it costs the benchmark little CPU, but it walks
 * aws-chunked bodies and refuses one whose decoded length is wrong.
 *
 * <p>Like S3, a GET answers with the MD5 of the content as ETag and, when the client asks with
 * {@code x-amz-checksum-mode: ENABLED}, with its CRC64NVME (S3 stores one for every new object).
 *
 * <p>{@code GET /__sink/captured} answers, as JSON, the first request of each kind seen since the
 * previous call (method, target, headers, what the body was), and forgets them: the comparison's
 * record of exactly what each client sent.
 *
 * <pre>java -cp ... dev.ferry.bench.sink.SinkServer [port] [threads]</pre>
 */
public final class SinkServer implements AutoCloseable {
    private static final int BUFFER_SIZE = 16 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final ByteBuf content;
    private final byte[] contentBytes;
    private final Map<String, Long> sizes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> uploads = new ConcurrentHashMap<>();
    private final Map<Long, String[]> digests = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> captured = new ConcurrentHashMap<>();
    private final AtomicLong uploadIds = new AtomicLong();

    private SinkServer(int port, int threads) throws InterruptedException {
        contentBytes = new byte[BUFFER_SIZE];
        new Random(42).nextBytes(contentBytes);
        content = Unpooled.unreleasableBuffer(Unpooled.directBuffer(BUFFER_SIZE).writeBytes(contentBytes));
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(4096, 32 * 1024, 256 * 1024));
                        ch.pipeline().addLast(new HttpServerExpectContinueHandler());
                        ch.pipeline().addLast(new Handler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    public static SinkServer start(int port, int threads) throws InterruptedException {
        return new SinkServer(port, threads);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        SinkServer sink = start(port, threads);
        Runtime.getRuntime().addShutdownHook(new Thread(sink::close));
        // The coordinator reads this line for the port.
        System.out.println("SINK http://127.0.0.1:" + sink.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** MD5 hex and CRC64NVME base64 of the first {@code size} bytes of the content, computed once per size. */
    private String[] digestsOf(long size) {
        return digests.computeIfAbsent(size, n -> {
            try {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                md5.update(contentBytes, 0, (int) (long) n);
                IncrementalChecksum crc = ChecksumAlgorithm.CRC64NVME.newChecksum();
                crc.update(contentBytes, 0, (int) (long) n);
                return new String[] {"\"" + HexFormat.of().formatHex(md5.digest()) + "\"", crc.base64()};
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private HttpRequest request;
        private String kind;
        private QueryStringDecoder target;
        private AwsChunkedCounter chunked;
        private long received;
        private long expectedDecoded;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest r) {
                request = r;
                target = new QueryStringDecoder(r.uri());
                kind = kindOf(r.method(), target);
                received = 0;
                String encoding = r.headers().get(HttpHeaderNames.CONTENT_ENCODING);
                chunked = encoding != null && encoding.contains("aws-chunked") ? new AwsChunkedCounter() : null;
                String decodedLength = r.headers().get("x-amz-decoded-content-length");
                expectedDecoded = decodedLength == null ? -1 : Long.parseLong(decodedLength);
            }
            if (msg instanceof HttpContent c) {
                ByteBuf buf = c.content();
                received += buf.readableBytes();
                if (chunked != null) {
                    chunked.feed(buf);
                }
                if (msg instanceof LastHttpContent) {
                    respond(ctx);
                }
            }
        }

        private void respond(ChannelHandlerContext ctx) {
            HttpRequest r = request;
            boolean keepAlive = HttpUtil.isKeepAlive(r);
            long bodyLength = received;
            if (chunked != null) {
                String problem = chunked.check(expectedDecoded);
                if (problem != null) {
                    send(ctx, error(HttpResponseStatus.BAD_REQUEST, "IncompleteBody", problem), false);
                    return;
                }
                bodyLength = chunked.decoded();
            }
            capture(r, bodyLength);
            String path = target.path();
            if (path.startsWith("/__sink/")) {
                send(ctx, capturedDocument(), keepAlive);
                return;
            }
            Map<String, List<String>> q = target.parameters();
            switch (kind) {
                case "PutObject" -> {
                    sizes.put(path, bodyLength);
                    send(ctx, empty(HttpResponseStatus.OK, "\"" + fakeETag(bodyLength) + "\""), keepAlive);
                }
                case "UploadPart" -> {
                    AtomicLong total = uploads.get(q.get("uploadId").get(0));
                    if (total == null) {
                        send(ctx, error(HttpResponseStatus.NOT_FOUND, "NoSuchUpload", "no upload " + q.get("uploadId")), keepAlive);
                        return;
                    }
                    total.addAndGet(bodyLength);
                    send(ctx, empty(HttpResponseStatus.OK, "\"" + fakeETag(bodyLength) + "\""), keepAlive);
                }
                case "CreateMultipartUpload" -> {
                    String id = "sink-upload-" + uploadIds.incrementAndGet();
                    uploads.put(id, new AtomicLong());
                    String[] bk = bucketAndKey(path);
                    send(ctx, xml("<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>" + bk[0]
                            + "</Bucket><Key>" + bk[1] + "</Key><UploadId>" + id + "</UploadId></InitiateMultipartUploadResult>"), keepAlive);
                }
                case "CompleteMultipartUpload" -> {
                    AtomicLong total = uploads.remove(q.get("uploadId").get(0));
                    if (total == null) {
                        send(ctx, error(HttpResponseStatus.NOT_FOUND, "NoSuchUpload", "no upload " + q.get("uploadId")), keepAlive);
                        return;
                    }
                    sizes.put(path, total.get());
                    String[] bk = bucketAndKey(path);
                    send(ctx, xml("<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Location>http://127.0.0.1"
                            + path + "</Location><Bucket>" + bk[0] + "</Bucket><Key>" + bk[1] + "</Key><ETag>\"" + fakeETag(total.get())
                            + "-1\"</ETag></CompleteMultipartUploadResult>"), keepAlive);
                }
                case "AbortMultipartUpload" -> {
                    uploads.remove(q.get("uploadId").get(0));
                    send(ctx, empty(HttpResponseStatus.NO_CONTENT, null), keepAlive);
                }
                case "GetObject", "HeadObject" -> {
                    Long size = sizes.get(path);
                    if (size == null) {
                        send(ctx, "GetObject".equals(kind) ? error(HttpResponseStatus.NOT_FOUND, "NoSuchKey", path)
                                : empty(HttpResponseStatus.NOT_FOUND, null), keepAlive);
                        return;
                    }
                    if (size > BUFFER_SIZE) {
                        send(ctx, error(HttpResponseStatus.NOT_IMPLEMENTED, "NotImplemented", "the sink serves objects up to "
                                + BUFFER_SIZE + " bytes"), keepAlive);
                        return;
                    }
                    String[] d = digestsOf(size);
                    long from = 0;
                    long length = size;
                    String range = r.headers().get(HttpHeaderNames.RANGE);
                    long[] span = range == null ? null : range(range, size);
                    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                            span == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT);
                    if (span != null) {
                        from = span[0];
                        length = span[1] - span[0] + 1;
                        response.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + span[0] + "-" + span[1] + "/" + size);
                    }
                    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, length)
                            .set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                            .set(HttpHeaderNames.ACCEPT_RANGES, "bytes")
                            .set(HttpHeaderNames.ETAG, d[0])
                            .set("x-amz-request-id", "sink");
                    // S3 sends a full-object checksum only with the whole object.
                    if ("ENABLED".equalsIgnoreCase(r.headers().get("x-amz-checksum-mode")) && length == size) {
                        response.headers().set("x-amz-checksum-crc64nvme", d[1]).set("x-amz-checksum-type", "FULL_OBJECT");
                    }
                    if (!keepAlive) {
                        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    }
                    ctx.write(response);
                    LastHttpContent body = "GetObject".equals(kind)
                            ? new DefaultLastHttpContent(content.retainedSlice((int) from, (int) length))
                            : LastHttpContent.EMPTY_LAST_CONTENT;
                    var f = ctx.writeAndFlush(body);
                    if (!keepAlive) {
                        f.addListener(ChannelFutureListener.CLOSE);
                    }
                }
                case "CreateBucket", "HeadBucket", "DeleteObject", "DeleteBucket" ->
                        send(ctx, empty("DeleteObject".equals(kind) || "DeleteBucket".equals(kind) ? HttpResponseStatus.NO_CONTENT
                                : HttpResponseStatus.OK, null), keepAlive);
                default -> send(ctx, error(HttpResponseStatus.NOT_IMPLEMENTED, "NotImplemented", kind + " " + r.uri()), keepAlive);
            }
        }

        private void capture(HttpRequest r, long decoded) {
            if (captured.containsKey(kind) || target.path().startsWith("/__sink/")) {
                return;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("request", r.method() + " " + r.uri());
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().forEach(h -> {
                String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
                String value = h.getValue();
                if (name.equals("authorization")) {
                    int sig = value.indexOf("Signature=");
                    value = sig < 0 ? value : value.substring(0, sig) + "Signature=...";
                }
                headers.merge(name, value, (a, b) -> a + ", " + b);
            });
            entry.put("headers", headers);
            entry.put("body", chunked != null ? "aws-chunked: " + chunked.describe() + ", " + decoded + " bytes decoded"
                    : received + " bytes, plain");
            captured.putIfAbsent(kind, entry);
        }

        private FullHttpResponse capturedDocument() {
            try {
                Map<String, Map<String, Object>> copy = new LinkedHashMap<>(captured);
                captured.clear();
                byte[] json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(copy);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(json));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").set(HttpHeaderNames.CONTENT_LENGTH, json.length);
                return response;
            } catch (Exception e) {
                return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError", e.toString());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static String kindOf(HttpMethod method, QueryStringDecoder target) {
        Map<String, List<String>> q = target.parameters();
        String path = target.path();
        boolean objectPath = path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
        String m = method.name();
        if (!objectPath) {
            return switch (m) {
                case "PUT" -> "CreateBucket";
                case "HEAD" -> "HeadBucket";
                case "DELETE" -> "DeleteBucket";
                default -> path.startsWith("/__sink/") ? "Control" : m + "Bucket";
            };
        }
        return switch (m) {
            case "PUT" -> q.containsKey("partNumber") ? "UploadPart" : "PutObject";
            case "POST" -> q.containsKey("uploads") ? "CreateMultipartUpload" : q.containsKey("uploadId") ? "CompleteMultipartUpload" : "PostObject";
            case "DELETE" -> q.containsKey("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
            case "GET" -> "GetObject";
            case "HEAD" -> "HeadObject";
            default -> m + "Object";
        };
    }

    /** {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} as inclusive [first, last]; null for the whole object. */
    private static long[] range(String header, long size) {
        if (!header.startsWith("bytes=") || header.indexOf(',') >= 0 || size == 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        long first;
        long last;
        if (a.isEmpty()) {
            first = Math.max(0, size - Long.parseLong(b));
            last = size - 1;
        } else {
            first = Long.parseLong(a);
            last = b.isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(b));
        }
        return first > last || first >= size ? null : new long[] {first, last};
    }

    private static String[] bucketAndKey(String path) {
        int slash = path.indexOf('/', 1);
        return new String[] {path.substring(1, slash), path.substring(slash + 1)};
    }

    /** Looks like an MD5 but is not one: the sink does not hash what it discards. */
    private static String fakeETag(long size) {
        return String.format("%032x", size);
    }

    private static FullHttpResponse empty(HttpResponseStatus status, String eTag) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set("x-amz-request-id", "sink");
        if (eTag != null) {
            response.headers().set(HttpHeaderNames.ETAG, eTag);
        }
        return response;
    }

    private static FullHttpResponse xml(String document) {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml").set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set("x-amz-request-id", "sink");
        return response;
    }

    private static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        FullHttpResponse response = xml("<Error><Code>" + code + "</Code><Message>" + message.replace("<", "&lt;").replace("&", "&amp;")
                + "</Message><RequestId>sink</RequestId></Error>");
        response.setStatus(status);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
