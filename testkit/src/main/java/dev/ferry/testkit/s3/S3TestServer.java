package dev.ferry.testkit.s3;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

/** An S3 endpoint a test may talk to, with the credentials it accepts. */
public interface S3TestServer {
    /** The base URI, such as {@code http://127.0.0.1:41234}. Requests use path-style addressing. */
    URI endpoint();

    String region();

    String accessKey();

    String secretKey();

    /** What this server is, for test names and messages: {@code S3Proxy 4.1 (filesystem)}. */
    String description();

    /** A bucket name no other test uses (the server may still need it created). */
    default String uniqueBucketName(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }
}
