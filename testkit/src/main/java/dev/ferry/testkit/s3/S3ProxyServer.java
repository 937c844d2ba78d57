package dev.ferry.testkit.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jspecify.annotations.Nullable;

/**
 * S3Proxy running in this JVM on a random loopback port, verifying AWS Signature Version 4 (header,
 * presigned and signed-chunk forms) and Content-MD5. Objects live on disk in a temporary directory
 * (so that multi-gigabyte uploads do not fill the heap), or in memory when asked.
 */
public final class S3ProxyServer implements S3TestServer, AutoCloseable {
    public static final String ACCESS_KEY = "ferry-test-access-key";
    public static final String SECRET_KEY = "ferry-test-secret-key/with+reserved=chars";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final @Nullable Path directory;
    private final URI endpoint;
    private final @Nullable X509Certificate certificate;

    private S3ProxyServer(S3Proxy proxy, @Nullable Path directory, @Nullable X509Certificate certificate) {
        this.proxy = proxy;
        this.directory = directory;
        this.certificate = certificate;
        this.endpoint = certificate == null
                ? URI.create("http://127.0.0.1:" + proxy.getPort())
                : URI.create("https://127.0.0.1:" + proxy.getSecurePort());
    }

    /** Starts S3Proxy with a filesystem store in a fresh temporary directory. */
    public static S3ProxyServer start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("ferry-s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for S3Proxy's objects", e);
        }
        return start(new FilesystemNio2BlobStore(dir.toString()), dir);
    }

    /** Starts S3Proxy keeping objects in memory: for small objects only. */
    public static S3ProxyServer startInMemory() {
        return start(new TransientNio2BlobStore(), null);
    }

    /**
     * Starts S3Proxy serving HTTPS only, in memory, with a fresh self-signed certificate for
     * {@code 127.0.0.1} and {@code localhost} (see {@link #certificate()}, which a client must trust).
     */
    public static S3ProxyServer startTls() {
        SelfSignedKeyStore keyStore = SelfSignedKeyStore.create();
        return start(new TransientNio2BlobStore(), null, keyStore);
    }

    private static S3ProxyServer start(BlobStore store, @Nullable Path dir) {
        return start(store, dir, null);
    }

    private static S3ProxyServer start(BlobStore store, @Nullable Path dir, @Nullable SelfSignedKeyStore tls) {
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true);
        if (tls == null) {
            builder.endpoint(URI.create("http://127.0.0.1:0"));
        } else {
            builder.secureEndpoint(URI.create("https://127.0.0.1:0")).keyStore(tls.path().toString(), SelfSignedKeyStore.PASSWORD);
        }
        S3Proxy proxy = builder.build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s; state " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy failed to start: " + e.getMessage(), e);
        }
        return new S3ProxyServer(proxy, dir, tls == null ? null : tls.certificate());
    }

    /** The self-signed certificate of a TLS server, for the client to trust; null over plain HTTP. */
    public @Nullable X509Certificate certificate() {
        return certificate;
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

    @Override
    public String description() {
        return "S3Proxy (" + (directory != null ? "filesystem" : "in memory") + (certificate != null ? ", TLS" : "") + ") at " + endpoint;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy failed to stop", e);
        } finally {
            if (directory != null) {
                deleteRecursively(directory);
            }
        }
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
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temporary directory is untidy, not wrong.
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
