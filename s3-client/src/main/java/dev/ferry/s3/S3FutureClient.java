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
import java.util.concurrent.CompletableFuture;

/**
 * {@link S3Client}'s operations as {@code CompletableFuture}s. Futures complete on the client's
 * callback executor, never on an event loop; {@code cancel(true)} cancels the exchange. Each method
 * behaves as the reactive method of the same name.
 */
public interface S3FutureClient {
    CompletableFuture<PutObjectResponse> putObject(PutObjectRequest request, RequestBody body);

    CompletableFuture<CreateMultipartUploadResponse> createMultipartUpload(CreateMultipartUploadRequest request);

    CompletableFuture<UploadPartResponse> uploadPart(UploadPartRequest request, RequestBody body);

    CompletableFuture<CompleteMultipartUploadResponse> completeMultipartUpload(CompleteMultipartUploadRequest request);

    CompletableFuture<Void> abortMultipartUpload(AbortMultipartUploadRequest request);

    CompletableFuture<List<Part>> listParts(ListPartsRequest request);

    <T> CompletableFuture<T> getObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader);

    CompletableFuture<ObjectMetadata> headObject(HeadObjectRequest request);

    CompletableFuture<DeleteObjectResponse> deleteObject(DeleteObjectRequest request);

    CompletableFuture<Void> createBucket(CreateBucketRequest request);

    CompletableFuture<HeadBucketResponse> headBucket(BucketRequest request);

    CompletableFuture<Void> deleteBucket(BucketRequest request);

    CompletableFuture<List<Bucket>> listBuckets();

    CompletableFuture<List<S3Object>> listObjects(ListObjectsRequest request);

    CompletableFuture<List<ListObjectsPage>> listObjectsPages(ListObjectsRequest request);

    CompletableFuture<List<MultipartUpload>> listMultipartUploads(ListMultipartUploadsRequest request);

    CompletableFuture<DeleteObjectsResponse> deleteObjects(DeleteObjectsRequest request);

    CompletableFuture<CopyObjectResponse> copyObject(CopyObjectRequest request);

    CompletableFuture<UploadPartResponse> uploadPartCopy(UploadPartCopyRequest request);

    CompletableFuture<PresignedRequest> presignGetObject(GetObjectRequest request, Duration expiresIn);

    CompletableFuture<PresignedRequest> presignPutObject(PutObjectRequest request, Duration expiresIn);
}
