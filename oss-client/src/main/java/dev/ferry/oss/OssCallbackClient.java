package dev.ferry.oss;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.oss.model.AbortMultipartUploadRequest;
import dev.ferry.oss.model.AsyncProcessObjectRequest;
import dev.ferry.oss.model.AsyncProcessObjectResponse;
import dev.ferry.oss.model.CompleteMultipartUploadRequest;
import dev.ferry.oss.model.CompleteMultipartUploadResponse;
import dev.ferry.oss.model.DeleteObjectRequest;
import dev.ferry.oss.model.DeleteObjectResponse;
import dev.ferry.oss.model.GetObjectRequest;
import dev.ferry.oss.model.HeadObjectRequest;
import dev.ferry.oss.model.InitiateMultipartUploadRequest;
import dev.ferry.oss.model.InitiateMultipartUploadResponse;
import dev.ferry.oss.model.ListPartsRequest;
import dev.ferry.oss.model.ObjectMetadata;
import dev.ferry.oss.model.Part;
import dev.ferry.oss.model.PresignRequest;
import dev.ferry.oss.model.PresignedRequest;
import dev.ferry.oss.model.ProcessInstruction;
import dev.ferry.oss.model.ProcessObjectRequest;
import dev.ferry.oss.model.ProcessObjectResponse;
import dev.ferry.oss.model.PutObjectRequest;
import dev.ferry.oss.model.PutObjectResponse;
import dev.ferry.oss.model.UploadPartRequest;
import dev.ferry.oss.model.UploadPartResponse;
import java.util.List;
import dev.ferry.core.call.AsyncCallback;
import dev.ferry.core.call.AsyncResult;
import org.jspecify.annotations.Nullable;

/**
 * {@link OssClient}'s operations as Begin/End pairs, the .NET asynchronous programming model that
 * users of the OSS C# SDK know. {@code beginX} starts the operation and returns at once; the
 * callback (if any) runs once when it completes, on the client's callback executor; {@code endX}
 * returns the result or throws the operation's exception. Calling {@code endX} is optional; calling
 * it before completion waits.
 *
 * <pre>{@code
 * oss.callbacks().beginAsyncProcessObject("bucket", "report.docx", process, ar -> {
 *     AsyncProcessObjectResponse r = oss.callbacks().endAsyncProcessObject(ar);   // or throws OssException
 *     log.info("task {} for {}", r.taskId(), ar.asyncState());
 * }, "report.docx");
 * }</pre>
 */
public interface OssCallbackClient {
    AsyncResult<AsyncProcessObjectResponse> beginAsyncProcessObject(AsyncProcessObjectRequest request,
            @Nullable AsyncCallback<AsyncProcessObjectResponse> callback, @Nullable Object state);

    AsyncProcessObjectResponse endAsyncProcessObject(AsyncResult<AsyncProcessObjectResponse> result);

    AsyncResult<AsyncProcessObjectResponse> beginAsyncProcessObject(String bucket, String key, String process,
            @Nullable AsyncCallback<AsyncProcessObjectResponse> callback, @Nullable Object state);

    AsyncResult<AsyncProcessObjectResponse> beginAsyncProcessObject(String bucket, String key, ProcessInstruction process,
            @Nullable AsyncCallback<AsyncProcessObjectResponse> callback, @Nullable Object state);

    AsyncResult<ProcessObjectResponse> beginProcessObject(ProcessObjectRequest request,
            @Nullable AsyncCallback<ProcessObjectResponse> callback, @Nullable Object state);

    ProcessObjectResponse endProcessObject(AsyncResult<ProcessObjectResponse> result);

    AsyncResult<ProcessObjectResponse> beginProcessObject(String bucket, String key, String process,
            @Nullable AsyncCallback<ProcessObjectResponse> callback, @Nullable Object state);

    AsyncResult<ProcessObjectResponse> beginProcessObject(String bucket, String key, ProcessInstruction process,
            @Nullable AsyncCallback<ProcessObjectResponse> callback, @Nullable Object state);

    AsyncResult<PutObjectResponse> beginPutObject(PutObjectRequest request, RequestBody body,
            @Nullable AsyncCallback<PutObjectResponse> callback, @Nullable Object state);

    PutObjectResponse endPutObject(AsyncResult<PutObjectResponse> result);

    <T> AsyncResult<T> beginGetObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader,
            @Nullable AsyncCallback<T> callback, @Nullable Object state);

    <T> T endGetObject(AsyncResult<T> result);

    AsyncResult<ObjectMetadata> beginHeadObject(HeadObjectRequest request,
            @Nullable AsyncCallback<ObjectMetadata> callback, @Nullable Object state);

    ObjectMetadata endHeadObject(AsyncResult<ObjectMetadata> result);

    AsyncResult<DeleteObjectResponse> beginDeleteObject(DeleteObjectRequest request,
            @Nullable AsyncCallback<DeleteObjectResponse> callback, @Nullable Object state);

    DeleteObjectResponse endDeleteObject(AsyncResult<DeleteObjectResponse> result);

    AsyncResult<InitiateMultipartUploadResponse> beginInitiateMultipartUpload(InitiateMultipartUploadRequest request,
            @Nullable AsyncCallback<InitiateMultipartUploadResponse> callback, @Nullable Object state);

    InitiateMultipartUploadResponse endInitiateMultipartUpload(AsyncResult<InitiateMultipartUploadResponse> result);

    AsyncResult<UploadPartResponse> beginUploadPart(UploadPartRequest request, RequestBody body,
            @Nullable AsyncCallback<UploadPartResponse> callback, @Nullable Object state);

    UploadPartResponse endUploadPart(AsyncResult<UploadPartResponse> result);

    AsyncResult<CompleteMultipartUploadResponse> beginCompleteMultipartUpload(CompleteMultipartUploadRequest request,
            @Nullable AsyncCallback<CompleteMultipartUploadResponse> callback, @Nullable Object state);

    CompleteMultipartUploadResponse endCompleteMultipartUpload(AsyncResult<CompleteMultipartUploadResponse> result);

    AsyncResult<Void> beginAbortMultipartUpload(AbortMultipartUploadRequest request,
            @Nullable AsyncCallback<Void> callback, @Nullable Object state);

    Void endAbortMultipartUpload(AsyncResult<Void> result);

    AsyncResult<List<Part>> beginListParts(ListPartsRequest request,
            @Nullable AsyncCallback<List<Part>> callback, @Nullable Object state);

    List<Part> endListParts(AsyncResult<List<Part>> result);

    AsyncResult<PresignedRequest> beginPresign(PresignRequest request,
            @Nullable AsyncCallback<PresignedRequest> callback, @Nullable Object state);

    PresignedRequest endPresign(AsyncResult<PresignedRequest> result);

}
