package dev.ferry.s3;

import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.retry.RetryPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import dev.ferry.s3.model.ChecksumAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * An S3 client's settings, resolved: the endpoint is known (from the region when none was given)
 * and so is the addressing style. Built by {@link S3Client.Builder}.
 */
public record S3ClientConfig(URI endpoint, String region, CredentialsProvider credentials, boolean pathStyle,
                             RetryPolicy retryPolicy, Clock clock, Executor callbackExecutor,
                             UploadIntegrity uploadIntegrity, @Nullable ChecksumAlgorithm checksumAlgorithm,
                             boolean verifyDownloads, boolean unsignedPayloadOverHttp) {

    public S3ClientConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(callbackExecutor, "callbackExecutor");
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint " + endpoint + " has no host; give it as http(s)://host[:port]");
        }
        if (endpoint.getPath() != null && !endpoint.getPath().isEmpty() && !endpoint.getPath().equals("/")) {
            throw new IllegalArgumentException("endpoint " + endpoint + " has a path; give only scheme, host and port");
        }
        Objects.requireNonNull(uploadIntegrity, "uploadIntegrity");
        if (uploadIntegrity == UploadIntegrity.UNSIGNED_PAYLOAD && !unsignedPayloadOverHttp
                && !"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("UNSIGNED_PAYLOAD leaves the body out of the signature, which only TLS"
                    + " may replace: it needs an https endpoint, not " + endpoint + " (use SIGNED_PAYLOAD over http, or"
                    + " allowUnsignedPayloadOverHttp() for a trusted local network)");
        }
    }

    /** The settings without the plain-HTTP opt-in for unsigned payloads (it stays off). */
    public S3ClientConfig(URI endpoint, String region, CredentialsProvider credentials, boolean pathStyle,
                          RetryPolicy retryPolicy, Clock clock, Executor callbackExecutor,
                          UploadIntegrity uploadIntegrity, @Nullable ChecksumAlgorithm checksumAlgorithm,
                          boolean verifyDownloads) {
        this(endpoint, region, credentials, pathStyle, retryPolicy, clock, callbackExecutor, uploadIntegrity,
                checksumAlgorithm, verifyDownloads, false);
    }

    /** The checksum sent with uploads: the one chosen, or CRC32C when unsigned payloads need one. */
    public @Nullable ChecksumAlgorithm effectiveChecksum() {
        if (checksumAlgorithm == null && uploadIntegrity == UploadIntegrity.UNSIGNED_PAYLOAD) {
            return ChecksumAlgorithm.CRC32C;
        }
        return checksumAlgorithm;
    }

    /** IP addresses and {@code localhost} cannot carry a bucket in the host name. */
    static boolean impliesPathStyle(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return true;
        }
        if (host.equals("localhost") || host.startsWith("[") || host.indexOf(':') >= 0) {
            return true;
        }
        return host.chars().allMatch(c -> c == '.' || Character.isDigit(c)) && isLiteralIp(host);
    }

    private static boolean isLiteralIp(String host) {
        try {
            // A dotted-decimal literal does not trigger a DNS lookup.
            return InetAddress.getByName(host).getHostAddress().equals(host);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "S3ClientConfig[endpoint=" + endpoint + ", region=" + region + ", credentials=" + credentials.describe()
                + ", pathStyle=" + pathStyle + ", retryPolicy=" + retryPolicy + ", uploadIntegrity=" + uploadIntegrity
                + ", checksumAlgorithm=" + checksumAlgorithm + ", verifyDownloads=" + verifyDownloads
                + (unsignedPayloadOverHttp ? ", unsignedPayloadOverHttp" : "") + "]";
    }
}
