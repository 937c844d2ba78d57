package dev.ferry.samples.s3;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.PutObjectResponse;
import java.io.PrintStream;

/** The simplest thing: store an object synchronously, then read it back. */
public final class PutObjectSample {
    private PutObjectSample() {
    }

    public static void run(S3Client s3, String bucket, PrintStream out) {
        PutObjectRequest request = PutObjectRequest.builder(bucket, "hello/ferry.txt")
                .contentType("text/plain; charset=utf-8")
                .metadata("sample", "put-object")
                .build();

        PutObjectResponse response = s3.blocking().putObject(request, RequestBody.fromString("Hello from Ferry!"));
        out.printf("  PutObject s3://%s/%s -> ETag %s%n", bucket, request.key(), response.eTag());

        String text = s3.blocking().getObject(GetObjectRequest.of(bucket, request.key()), BodyReader.toBytes()).asUtf8String();
        out.printf("  GetObject read it back: \"%s\"%n", text);
    }
}
