package dev.ferry.s3;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.testkit.s3.S3TestServer;

/** Builds clients for the testkit's S3 servers: one line from a server to a configured client. */
final class S3TestClients {
    private S3TestClients() {
    }

    static S3Client.Builder builder(S3TestServer server) {
        return S3Client.builder()
                .endpoint(server.endpoint())
                .region(server.region())
                .pathStyle(true)
                .credentials(CredentialsProvider.of(Credentials.of(server.accessKey(), server.secretKey())));
    }

    static S3Client client(S3TestServer server) {
        return builder(server).build();
    }

    /** A client on its own small engine: for tests that watch connections. */
    static S3Client clientWithOwnEngine(S3TestServer server, EngineConfig engine) {
        return builder(server).engineConfig(engine).build();
    }

    /** Creates a bucket no other test uses and returns its name. */
    static String newBucket(S3Client s3, S3TestServer server, String prefix) {
        String bucket = server.uniqueBucketName(prefix);
        s3.createBucket(CreateBucketRequest.of(bucket)).block();
        return bucket;
    }
}
