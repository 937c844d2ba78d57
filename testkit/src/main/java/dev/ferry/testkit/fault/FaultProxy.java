package dev.ferry.testkit.fault;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP/1.1 proxy for tests, in front of any HTTP server (S3Proxy, MinIO), that breaks
 * chosen requests on purpose: it can answer 503 SlowDown or 500 InternalError in the server's
 * place, reset the connection after so many bytes of the request or the response, cut a response
 * body short, stall a response or a request, delay a request, or run an action before forwarding
 * one. Everything else passes through byte for byte. Point the client at {@link #endpoint()}.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(s3proxy.endpoint())) {
 *     proxy.inject(Fault.slowDown(), 3);                                   // the next 3 requests
 *     proxy.inject(Fault.resetAfterRequestBytes(100_000), 2, RequestHead::isUploadPart);
 *     ... run the client against proxy.endpoint() ...
 *     assertThat(proxy.faultsInjected()).isEqualTo(5);
 * }
 * }</pre>
 *
 * <p>Rules are tried in the order they were added; the first that matches a request and has uses
 * left applies to it, and uses one up. Each client connection gets its own connection to the
 * server and two plain threads; the proxy reads HTTP with the JDK alone, so it shares no code (and
 * no bugs) with the client under test, and holds no pooled buffers that could leak. Requests on a
 * connection are expected one at a time (no pipelining), as HTTP clients send them.
 */
public final class FaultProxy implements AutoCloseable {
    /** For {@link #inject(Fault, int, Predicate)}: a rule that never runs out. */
    public static final int EVERY_TIME = Integer.MAX_VALUE;
    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
    private static final int MAX_RECORDED = 10_000;
    /** How long a connection answered in the server's place is read to its end before it is closed. */
    private static final int LINGER_MILLIS = 10_000;

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final List<Rule> rules = new ArrayList<>();
    private final List<RequestHead> seen = new ArrayList<>();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Rule(Fault fault, Predicate<RequestHead> when, AtomicInteger left) {
    }

    private FaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "fault-proxy-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::accept);
    }

    /** Starts a proxy on a free loopback port in front of the server at {@code upstream} ({@code http://host:port}). */
    public static FaultProxy start(URI upstream) {
        if (!"http".equalsIgnoreCase(upstream.getScheme())) {
            throw new IllegalArgumentException("the fault proxy speaks plain HTTP; " + upstream + " is not http://");
        }
        int port = upstream.getPort() > 0 ? upstream.getPort() : 80;
        try {
            return new FaultProxy(new InetSocketAddress(upstream.getHost(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a port for the fault proxy", e);
        }
    }

    /** Where clients should connect: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Applies {@code fault} to the next {@code times} requests, whatever they are. */
    public FaultProxy inject(Fault fault, int times) {
        return inject(fault, times, request -> true);
    }

    /** Applies {@code fault} to the next {@code times} requests that {@code when} accepts ({@link #EVERY_TIME} for all). */
    public FaultProxy inject(Fault fault, int times, Predicate<RequestHead> when) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(when, "when");
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + times);
        }
        synchronized (rules) {
            rules.add(new Rule(fault, when, new AtomicInteger(times)));
        }
        return this;
    }

    /** Forgets every rule: from now on requests pass through. */
    public FaultProxy clearFaults() {
        synchronized (rules) {
            rules.clear();
        }
        return this;
    }

    /** How many requests a fault was applied to. */
    public int faultsInjected() {
        return injected.get();
    }

    /** The requests seen so far (the last 10,000), in order, with the fault each got. */
    public List<RequestHead> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Client connections currently open through the proxy. */
    public int openConnections() {
        return links.size();
    }

    private @Nullable Fault choose(RequestHead request) {
        synchronized (rules) {
            for (Rule rule : rules) {
                if (rule.left.get() > 0 && rule.when.test(request)) {
                    rule.left.decrementAndGet();
                    injected.incrementAndGet();
                    return rule.fault;
                }
            }
        }
        return null;
    }

    private void record(RequestHead request) {
        synchronized (seen) {
            if (seen.size() == MAX_RECORDED) {
                seen.remove(0);
            }
            seen.add(request);
        }
    }

    private void accept() {
        while (!closed.get()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    log.warn("fault proxy stopped accepting: {}", e.toString());
                }
                return;
            }
            Socket upstreamSocket = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstreamSocket.setTcpNoDelay(true);
                upstreamSocket.connect(upstream, 10_000);
            } catch (IOException e) {
                log.warn("fault proxy cannot reach {}: {}", upstream, e.toString());
                closeQuietly(client);
                closeQuietly(upstreamSocket);
                continue;
            }
            Link link = new Link(connectionCount.incrementAndGet(), client, upstreamSocket);
            links.add(link);
            threads.execute(link::forwardRequests);
            threads.execute(link::forwardResponses);
        }
    }

    /** Stops accepting, closes every connection and the threads serving them. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(server);
        for (Link link : links) {
            link.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + endpoint() + " -> " + upstream + ", " + faultsInjected() + " faults injected]";
    }

    /** A request in flight on a connection, for the thread that forwards its response. */
    private record Exchange(String method, @Nullable Fault fault) {
    }

    /** One client connection and its connection to the server: one thread per direction. */
    private final class Link {
        private final int id;
        private final Socket client;
        private final Socket upstream;
        private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
        private final CountDownLatch closedLatch = new CountDownLatch(1);
        private final AtomicBoolean closing = new AtomicBoolean();

        Link(int id, Socket client, Socket upstream) {
            this.id = id;
            this.client = client;
            this.upstream = upstream;
        }

        void forwardRequests() {
            try {
                InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
                OutputStream out = upstream.getOutputStream();
                while (true) {
                    HttpHead head = HttpHead.read(in);
                    if (head == null) {
                        return;
                    }
                    RequestHead request = new RequestHead(requestCount.incrementAndGet(), id, head.method(), head.target(),
                            head.headers, null);
                    Fault fault = choose(request);
                    record(request.withFault(fault));
                    if (fault instanceof Fault.Reply reply) {
                        answerInstead(head, reply, request.number(), in);
                        return;
                    }
                    if (fault instanceof Fault.Delay delay) {
                        Thread.sleep(delay.delay().toMillis());
                    } else if (fault instanceof Fault.RunFirst run) {
                        run.action().run();
                    }
                    long budget = fault instanceof Fault.ResetAfterRequestBytes r ? r.bytes()
                            : fault instanceof Fault.StallRequest s ? s.after() : Long.MAX_VALUE;
                    exchanges.add(new Exchange(head.method(), fault));
                    if (!head.copy(in, out, head.requestFraming(), budget)) {
                        if (fault instanceof Fault.StallRequest stall) {
                            closedLatch.await(stall.limit().toMillis(), TimeUnit.MILLISECONDS);
                        }
                        reset();
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The client or the server went away, or a fault closed the connection: this link is done.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        void forwardResponses() {
            try {
                InputStream in = new BufferedInputStream(upstream.getInputStream(), 64 * 1024);
                OutputStream out = client.getOutputStream();
                while (true) {
                    HttpHead head = HttpHead.read(in);
                    if (head == null) {
                        return;
                    }
                    if (head.status() / 100 == 1) {
                        out.write(head.raw);   // 100 Continue: the request it answers is still being sent
                        out.flush();
                        continue;
                    }
                    Exchange exchange = exchanges.poll();
                    String method = exchange != null ? exchange.method() : "GET";
                    Fault fault = exchange != null ? exchange.fault() : null;
                    long budget = fault instanceof Fault.ResetAfterResponseBytes r ? r.bytes()
                            : fault instanceof Fault.TruncateResponseBody t ? head.raw.length + t.keep()
                            : fault instanceof Fault.StallResponseBody s ? head.raw.length + s.after() : Long.MAX_VALUE;
                    HttpHead.Framing framing = head.responseFraming(method);
                    if (!head.copy(in, out, framing, budget)) {
                        if (fault instanceof Fault.ResetAfterResponseBytes) {
                            reset();
                        } else if (fault instanceof Fault.StallResponseBody) {
                            closedLatch.await();   // until the client gives up (or the proxy closes)
                        }
                        return;   // a truncated body ends with a clean close
                    }
                    if (framing == HttpHead.Framing.UNTIL_CLOSE) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // As for requests: the link is done.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        /**
         * Answers with an S3 error document and {@code Connection: close}, then reads what the client
         * still sends until it closes: closing with unread bytes would reset the connection and the
         * client might lose the answer.
         */
        private void answerInstead(HttpHead head, Fault.Reply reply, int number, InputStream in) throws IOException {
            String requestId = "ferry-fault-" + number;
            byte[] body = head.method().equals("HEAD") ? new byte[0] : ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                    + xml(reply.code()) + "</Code><Message>" + xml(reply.message()) + "</Message><Resource>" + xml(head.target())
                    + "</Resource><RequestId>" + requestId + "</RequestId><HostId>ferry-fault-proxy</HostId></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            String response = "HTTP/1.1 " + reply.status() + " " + reason(reply.status()) + "\r\n"
                    + "Content-Type: application/xml\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "x-amz-request-id: " + requestId + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = client.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            client.shutdownOutput();
            client.setSoTimeout(LINGER_MILLIS);
            byte[] sink = new byte[64 * 1024];
            try {
                while (in.read(sink) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // timed out or reset: either way the answer was delivered or never will be
            }
        }

        private void reset() {
            for (Socket s : new Socket[] {client, upstream}) {
                try {
                    s.setSoLinger(true, 0);
                } catch (SocketException e) {
                    // already closed
                }
            }
            close();
        }

        void close() {
            if (closing.compareAndSet(false, true)) {
                closeQuietly(client);
                closeQuietly(upstream);
                links.remove(this);
                closedLatch.countDown();
            }
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String reason(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 503 -> "Slow Down";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 412 -> "Precondition Failed";
            default -> "Error";
        };
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is all that is left to do
        }
    }
}
