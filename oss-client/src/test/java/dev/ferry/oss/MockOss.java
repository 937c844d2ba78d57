package dev.ferry.oss;

import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.testkit.oss.OssMockServer;
import java.time.Duration;

/** Clients pointed at a mock OSS, with the mock's key and short retry delays so that tests stay quick. */
final class MockOss {
    static final String BUCKET = "ferry-bucket";
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(50));

    private MockOss() {
    }

    static OssMockServer server() {
        return OssMockServer.start().createBucket(BUCKET);
    }

    static OssClient.Builder client(OssMockServer server) {
        return OssClient.builder()
                .region(OssMockServer.REGION)
                .endpoint(server.endpoint())
                .credentials(OssMockServer.ACCESS_KEY_ID, OssMockServer.ACCESS_KEY_SECRET)
                .retryPolicy(FAST_RETRIES);
    }
}
