package dev.ferry.samples.s3;

import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadResponse;
import dev.ferry.s3.model.CompletedPart;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.ListPartsRequest;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * A multipart upload step by step: create, upload numbered parts with Content-MD5, keep their ETags,
 * complete; then a second upload that is aborted.
 */
public final class MultipartUploadSample {
    private static final int PART_SIZE = 5 * 1024 * 1024;

    private MultipartUploadSample() {
    }

    public static void run(S3Client s3, String bucket, PrintStream out) {
        String key = "multipart/12mib.bin";
        byte[] data = new byte[12 * 1024 * 1024];
        new Random(2026).nextBytes(data);

        String uploadId = s3.blocking().createMultipartUpload(
                CreateMultipartUploadRequest.builder(bucket, key).contentType("application/octet-stream").build()).uploadId();
        out.printf("  CreateMultipartUpload s3://%s/%s -> upload id %s%n", bucket, key, abbreviate(uploadId));

        List<CompletedPart> parts = new ArrayList<>();
        for (int partNumber = 1, offset = 0; offset < data.length; partNumber++, offset += PART_SIZE) {
            int length = Math.min(PART_SIZE, data.length - offset);
            String md5 = contentMd5(data, offset, length);
            UploadPartResponse part = s3.blocking().uploadPart(
                    UploadPartRequest.of(bucket, key, uploadId, partNumber).withContentMd5(md5),
                    RequestBody.fromBytes(data, offset, length));
            out.printf("  UploadPart %d: %,d bytes, Content-MD5 %s -> ETag %s%n", partNumber, length, md5, part.eTag());
            parts.add(part.toCompletedPart());
        }

        int listed = s3.blocking().listParts(ListPartsRequest.of(bucket, key, uploadId)).size();
        CompleteMultipartUploadResponse done = s3.blocking().completeMultipartUpload(
                new CompleteMultipartUploadRequest(bucket, key, uploadId, parts));
        out.printf("  ListParts saw %d parts; CompleteMultipartUpload -> ETag %s%n", listed, done.eTag());

        String abortedKey = "multipart/aborted.bin";
        String abortedId = s3.blocking().createMultipartUpload(CreateMultipartUploadRequest.of(bucket, abortedKey)).uploadId();
        s3.blocking().uploadPart(UploadPartRequest.of(bucket, abortedKey, abortedId, 1), RequestBody.fromBytes(data, 0, PART_SIZE));
        s3.blocking().abortMultipartUpload(new AbortMultipartUploadRequest(bucket, abortedKey, abortedId));
        try {
            int left = s3.blocking().listParts(ListPartsRequest.of(bucket, abortedKey, abortedId)).size();
            out.printf("  AbortMultipartUpload %s: ListParts now lists %d parts%n", abbreviate(abortedId), left);
        } catch (S3Exception e) {
            // Amazon S3 forgets an aborted upload entirely; some compatible stores list it empty.
            out.printf("  AbortMultipartUpload %s: ListParts now answers %s%n", abbreviate(abortedId), e.errorCode());
        }
    }

    static String contentMd5(byte[] data, int offset, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, offset, length);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static String abbreviate(String id) {
        return id.length() > 16 ? id.substring(0, 16) + "..." : id;
    }
}
