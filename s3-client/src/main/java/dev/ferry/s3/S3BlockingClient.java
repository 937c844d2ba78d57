package dev.ferry.s3;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.Bucket;
import dev.ferry.s3.model.CopyObjectRequest;
import dev.ferry.s3.model.CopyObjectResponse;
import dev.ferry.s3.model.DeleteObjectsRequest;
import dev.ferry.s3.model.DeleteObjectsResponse;
import dev.ferry.s3.model.ListMultipartUploadsRequest;
import dev.ferry.s3.model.ListObjectsPage;
import dev.ferry.s3.model.ListObjectsRequest;
import dev.ferry.s3.model.MultipartUpload;
import dev.ferry.s3.model.PresignedRequest;
import dev.ferry.s3.model.S3Object;
import dev.ferry.s3.model.UploadPartCopyRequest;
import java.time.Duration;
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

    List<Bucket> listBuckets();

    /** Pages are fetched as the stream is consumed; close the stream to stop early. */
    java.util.stream.Stream<S3Object> listObjects(ListObjectsRequest request);

    List<ListObjectsPage> listObjectsPages(ListObjectsRequest request);

    List<MultipartUpload> listMultipartUploads(ListMultipartUploadsRequest request);

    DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request);

    CopyObjectResponse copyObject(CopyObjectRequest request);

    UploadPartResponse uploadPartCopy(UploadPartCopyRequest request);

    PresignedRequest presignGetObject(GetObjectRequest request, Duration expiresIn);

    PresignedRequest presignPutObject(PutObjectRequest request, Duration expiresIn);
}
