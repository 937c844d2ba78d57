package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.testkit.s3.MinioExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same calls against MinIO in a container; skipped, with a message, where no Docker engine is reachable. */
@ExtendWith(MinioExtension.class)
class MinioCompatibilityIT {

    @Test
    void putMultipartAndGetWorkAgainstMinio(S3TestServer server, @TempDir Path dir) throws Exception {
        try (S3Client s3 = S3TestClients.client(server)) {
            String bucket = S3TestClients.newBucket(s3, server, "minio");
            byte[] part = new byte[5 * 1024 * 1024];
            new Random(5).nextBytes(part);
            Path file = Files.write(dir.resolve("part.bin"), part);

            s3.putObject(PutObjectRequest.of(bucket, "small"), RequestBody.fromString("hello minio")).block();
            String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, "big")).block().uploadId();
            var p1 = s3.uploadPart(UploadPartRequest.of(bucket, "big", uploadId, 1), RequestBody.fromFile(file)).block();
            var p2 = s3.uploadPart(UploadPartRequest.of(bucket, "big", uploadId, 2), RequestBody.fromString("tail")).block();
            s3.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "big", uploadId,
                    List.of(p1.toCompletedPart(), p2.toCompletedPart()))).block();

            assertThat(s3.getObject(GetObjectRequest.of(bucket, "small"), BodyReader.toBytes()).block().asUtf8String())
                    .isEqualTo("hello minio");
            assertThat(s3.getObject(GetObjectRequest.of(bucket, "big"), BodyReader.toBytes()).block().bytes())
                    .hasSize(part.length + 4);
        }
    }
}
