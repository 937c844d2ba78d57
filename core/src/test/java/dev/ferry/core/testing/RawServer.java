package dev.ferry.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A blocking HTTP/1.1 server on plain threads, scripted per connection, for the cases a real server
 * will not play: answering before reading the body, stalling, reading slowly, closing mid-way.
 * Every connection runs the script on its own thread; blocking there is fine (these threads are
 * not event loops, so BlockHound leaves them alone).
 */
public final class RawServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void run(Conn conn) throws Exception;
    }

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    private RawServer(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "raw-server-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    public static RawServer start(Script script) {
        return start(0, script);
    }

    /** A server whose accepted sockets have this receive buffer (0 for the system default): small makes the client's writes back up. */
    public static RawServer start(int receiveBufferSize, Script script) {
        try {
            ServerSocket socket = new ServerSocket();
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            RawServer server = new RawServer(socket, script);
            server.acceptor.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the raw test server", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Connections accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    /** What the scripts threw, other than the connection being closed under them. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            int n = connections.incrementAndGet();
            sockets.add(socket);
            Thread worker = new Thread(() -> serve(socket), "raw-server-" + port() + "-conn-" + n);
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            script.run(new Conn(socket, closing));
        } catch (EOFException | SocketException e) {
            // The client went away: part of most scripts here.
        } catch (Throwable t) {
            if (!closed) {
                failures.add(t);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket loses nothing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the script may have closed it already
            }
        }
    }

    /** A request head as it arrived. Header names are lower-cased; values keep their order. */
    public record Head(String method, String target, Map<String, List<String>> headers) {
        public @Nullable String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public long contentLength() {
            String value = header("content-length");
            return value == null ? -1 : Long.parseLong(value.trim());
        }

        public boolean isChunked() {
            String value = header("transfer-encoding");
            return value != null && value.toLowerCase(Locale.ROOT).contains("chunked");
        }
    }

    /** One accepted connection, with small blocking helpers to speak HTTP/1.1 on it. */
    public static final class Conn {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final CountDownLatch serverClosing;

        Conn(Socket socket, CountDownLatch serverClosing) throws IOException {
            this.socket = socket;
            this.serverClosing = serverClosing;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        public Socket socket() {
            return socket;
        }

        public InputStream in() {
            return in;
        }

        /** The next request head, or null when the client closed the connection between requests. */
        public @Nullable Head readHead() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            List<String> lines = new ArrayList<>();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    line.reset();
                    if (text.isEmpty()) {
                        if (lines.isEmpty()) {
                            continue;
                        }
                        return parse(lines);
                    }
                    lines.add(text);
                } else {
                    line.write(b);
                }
            }
            if (lines.isEmpty() && line.size() == 0) {
                return null;
            }
            throw new EOFException("connection closed inside a request head");
        }

        private static Head parse(List<String> lines) {
            String[] start = lines.get(0).split(" ");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String h : lines.subList(1, lines.size())) {
                int colon = h.indexOf(':');
                headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
            return new Head(start[0], start[1], headers);
        }

        /** The request body as framed by the head (Content-Length or chunked). */
        public byte[] readBody(Head head) throws IOException {
            if (head.isChunked()) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                while (true) {
                    String sizeLine = readLine();
                    int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                    if (size == 0) {
                        // trailers, then the empty line
                        while (!readLine().isEmpty()) {
                            // ignore trailers
                        }
                        return body.toByteArray();
                    }
                    body.write(readExactly(size));
                    readLine();
                }
            }
            long length = head.contentLength();
            return length <= 0 ? new byte[0] : readExactly((int) length);
        }

        public byte[] readExactly(int n) throws IOException {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new EOFException("connection closed after " + bytes.length + " of " + n + " bytes");
            }
            return bytes;
        }

        /** Reads and drops {@code n} bytes, in small reads, sleeping {@code pauseMillis} between them: a slow reader. */
        public void readSlowly(long n, int chunk, long pauseMillis) throws IOException, InterruptedException {
            byte[] buffer = new byte[chunk];
            long left = n;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(chunk, left));
                if (read < 0) {
                    throw new EOFException("connection closed with " + left + " bytes of the body unread");
                }
                left -= read;
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        }

        /** Reads until the client closes the connection; returns how many bytes came. */
        public long drain() throws IOException {
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            try {
                while ((read = in.read(buffer)) >= 0) {
                    total += read;
                }
            } catch (SocketException e) {
                // reset by the client: drained as far as it goes
            }
            return total;
        }

        /** Reads (and drops) whatever comes until the client closes the connection (or the server is closed). */
        public void awaitClose() throws IOException {
            drain();
        }

        /** Neither reads nor writes until the server is closed: a peer that went deaf and mute. */
        public void hold() throws InterruptedException {
            serverClosing.await();
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        public void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** A complete response with a Content-Length body. */
        public void respond(int status, String body, String... extraHeaderLines) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
            for (String line : extraHeaderLines) {
                head.append(line).append("\r\n");
            }
            head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            write(head.toString());
            write(bytes);
        }

        private static String reason(int status) {
            return switch (status) {
                case 100 -> "Continue";
                case 200 -> "OK";
                case 403 -> "Forbidden";
                case 500 -> "Internal Server Error";
                case 503 -> "Service Unavailable";
                default -> "Status";
            };
        }
    }
}
