package dev.ferry.s3;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.BucketRequest;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadResponse;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.CreateMultipartUploadResponse;
import dev.ferry.s3.model.DeleteObjectRequest;
import dev.ferry.s3.model.DeleteObjectResponse;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.HeadBucketResponse;
import dev.ferry.s3.model.HeadObjectRequest;
import dev.ferry.s3.model.ListPartsRequest;
import dev.ferry.s3.model.ObjectMetadata;
import dev.ferry.s3.model.Part;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.PutObjectResponse;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import java.util.List;

/**
 * {@link S3Client}'s operations, blocking the calling thread until they complete. Failures are
 * thrown as they are ({@link S3Exception}, {@link dev.ferry.core.TransportException}); an
 * interrupted thread cancels the operation. Refuses to run on an event loop.
 */
public interface S3BlockingClient {
    PutObjectResponse putObject(PutObjectRequest request, RequestBody body);

    CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request);

    UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body);

    CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request);

    void abortMultipartUpload(AbortMultipartUploadRequest request);

    List<Part> listParts(ListPartsRequest request);

    <T> T getObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader);

    ObjectMetadata headObject(HeadObjectRequest request);

    DeleteObjectResponse deleteObject(DeleteObjectRequest request);

    void createBucket(CreateBucketRequest request);

    HeadBucketResponse headBucket(BucketRequest request);

    void deleteBucket(BucketRequest request);
}
