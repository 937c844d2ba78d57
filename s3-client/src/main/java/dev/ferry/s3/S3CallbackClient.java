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
import dev.ferry.core.call.AsyncCallback;
import dev.ferry.core.call.AsyncResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link S3Client}'s operations as Begin/End pairs, the shape of the .NET asynchronous programming
 * model. {@code beginX} starts the operation and returns at once; the callback (if any) runs once
 * when it completes, on the client's callback executor; {@code endX} returns the result or throws
 * the operation's exception. Calling {@code endX} is optional; calling it before completion waits.
 *
 * <pre>{@code
 * s3.callbacks().beginPutObject(request, body, ar -> {
 *     long started = (Long) ar.asyncState();
 *     PutObjectResponse r = s3.callbacks().endPutObject(ar);   // or throws S3Exception
 * }, System.nanoTime());
 * }</pre>
 */
public interface S3CallbackClient {
    AsyncResult<PutObjectResponse> beginPutObject(PutObjectRequest request, RequestBody body,
                                                  @Nullable AsyncCallback<PutObjectResponse> callback, @Nullable Object state);

    PutObjectResponse endPutObject(AsyncResult<PutObjectResponse> result);

    AsyncResult<CreateMultipartUploadResponse> beginCreateMultipartUpload(CreateMultipartUploadRequest request,
            @Nullable AsyncCallback<CreateMultipartUploadResponse> callback, @Nullable Object state);

    CreateMultipartUploadResponse endCreateMultipartUpload(AsyncResult<CreateMultipartUploadResponse> result);

    AsyncResult<UploadPartResponse> beginUploadPart(UploadPartRequest request, RequestBody body,
                                                    @Nullable AsyncCallback<UploadPartResponse> callback, @Nullable Object state);

    UploadPartResponse endUploadPart(AsyncResult<UploadPartResponse> result);

    AsyncResult<CompleteMultipartUploadResponse> beginCompleteMultipartUpload(CompleteMultipartUploadRequest request,
            @Nullable AsyncCallback<CompleteMultipartUploadResponse> callback, @Nullable Object state);

    CompleteMultipartUploadResponse endCompleteMultipartUpload(AsyncResult<CompleteMultipartUploadResponse> result);

    AsyncResult<Void> beginAbortMultipartUpload(AbortMultipartUploadRequest request,
                                                @Nullable AsyncCallback<Void> callback, @Nullable Object state);

    void endAbortMultipartUpload(AsyncResult<Void> result);

    AsyncResult<List<Part>> beginListParts(ListPartsRequest request, @Nullable AsyncCallback<List<Part>> callback,
                                           @Nullable Object state);

    List<Part> endListParts(AsyncResult<List<Part>> result);

    <T> AsyncResult<T> beginGetObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader,
                                      @Nullable AsyncCallback<T> callback, @Nullable Object state);

    <T> T endGetObject(AsyncResult<T> result);

    AsyncResult<ObjectMetadata> beginHeadObject(HeadObjectRequest request, @Nullable AsyncCallback<ObjectMetadata> callback,
                                                @Nullable Object state);

    ObjectMetadata endHeadObject(AsyncResult<ObjectMetadata> result);

    AsyncResult<DeleteObjectResponse> beginDeleteObject(DeleteObjectRequest request,
                                                        @Nullable AsyncCallback<DeleteObjectResponse> callback, @Nullable Object state);

    DeleteObjectResponse endDeleteObject(AsyncResult<DeleteObjectResponse> result);

    AsyncResult<Void> beginCreateBucket(CreateBucketRequest request, @Nullable AsyncCallback<Void> callback, @Nullable Object state);

    void endCreateBucket(AsyncResult<Void> result);

    AsyncResult<HeadBucketResponse> beginHeadBucket(BucketRequest request, @Nullable AsyncCallback<HeadBucketResponse> callback,
                                                    @Nullable Object state);

    HeadBucketResponse endHeadBucket(AsyncResult<HeadBucketResponse> result);

    AsyncResult<Void> beginDeleteBucket(BucketRequest request, @Nullable AsyncCallback<Void> callback, @Nullable Object state);

    void endDeleteBucket(AsyncResult<Void> result);

    AsyncResult<List<Bucket>> beginListBuckets(@Nullable AsyncCallback<List<Bucket>> callback, @Nullable Object state);

    List<Bucket> endListBuckets(AsyncResult<List<Bucket>> result);

    AsyncResult<List<S3Object>> beginListObjects(ListObjectsRequest request, @Nullable AsyncCallback<List<S3Object>> callback,
                                                 @Nullable Object state);

    List<S3Object> endListObjects(AsyncResult<List<S3Object>> result);

    AsyncResult<List<ListObjectsPage>> beginListObjectsPages(ListObjectsRequest request,
            @Nullable AsyncCallback<List<ListObjectsPage>> callback, @Nullable Object state);

    List<ListObjectsPage> endListObjectsPages(AsyncResult<List<ListObjectsPage>> result);

    AsyncResult<List<MultipartUpload>> beginListMultipartUploads(ListMultipartUploadsRequest request,
            @Nullable AsyncCallback<List<MultipartUpload>> callback, @Nullable Object state);

    List<MultipartUpload> endListMultipartUploads(AsyncResult<List<MultipartUpload>> result);

    AsyncResult<DeleteObjectsResponse> beginDeleteObjects(DeleteObjectsRequest request,
            @Nullable AsyncCallback<DeleteObjectsResponse> callback, @Nullable Object state);

    DeleteObjectsResponse endDeleteObjects(AsyncResult<DeleteObjectsResponse> result);

    AsyncResult<CopyObjectResponse> beginCopyObject(CopyObjectRequest request, @Nullable AsyncCallback<CopyObjectResponse> callback,
                                                    @Nullable Object state);

    CopyObjectResponse endCopyObject(AsyncResult<CopyObjectResponse> result);

    AsyncResult<UploadPartResponse> beginUploadPartCopy(UploadPartCopyRequest request,
            @Nullable AsyncCallback<UploadPartResponse> callback, @Nullable Object state);

    UploadPartResponse endUploadPartCopy(AsyncResult<UploadPartResponse> result);

    AsyncResult<PresignedRequest> beginPresignGetObject(GetObjectRequest request, Duration expiresIn,
            @Nullable AsyncCallback<PresignedRequest> callback, @Nullable Object state);

    PresignedRequest endPresignGetObject(AsyncResult<PresignedRequest> result);

    AsyncResult<PresignedRequest> beginPresignPutObject(PutObjectRequest request, Duration expiresIn,
            @Nullable AsyncCallback<PresignedRequest> callback, @Nullable Object state);

    PresignedRequest endPresignPutObject(AsyncResult<PresignedRequest> result);
}
