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
import java.util.concurrent.CompletableFuture;

/**
 * {@link OssClient}'s operations returning {@link CompletableFuture}s, which complete on the client's
 * callback executor (never an event loop, so code chained onto them may block). Cancelling a future
 * cancels the exchange. Made by {@link dev.ferry.core.call.CallViews} from the reactive client.
 *
 * <pre>{@code
 * oss.futures().asyncProcessObject("bucket", "report.docx", instruction)
 *         .thenAccept(r -> System.out.println(r.taskId()));
 * }</pre>
 */
public interface OssFutureClient {
    CompletableFuture<AsyncProcessObjectResponse> asyncProcessObject(AsyncProcessObjectRequest request);

    CompletableFuture<AsyncProcessObjectResponse> asyncProcessObject(String bucket, String key, String process);

    CompletableFuture<AsyncProcessObjectResponse> asyncProcessObject(String bucket, String key, ProcessInstruction process);

    CompletableFuture<ProcessObjectResponse> processObject(ProcessObjectRequest request);

    CompletableFuture<ProcessObjectResponse> processObject(String bucket, String key, String process);

    CompletableFuture<ProcessObjectResponse> processObject(String bucket, String key, ProcessInstruction process);

    CompletableFuture<PutObjectResponse> putObject(PutObjectRequest request, RequestBody body);

    <T> CompletableFuture<T> getObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader);

    CompletableFuture<ObjectMetadata> headObject(HeadObjectRequest request);

    CompletableFuture<DeleteObjectResponse> deleteObject(DeleteObjectRequest request);

    CompletableFuture<InitiateMultipartUploadResponse> initiateMultipartUpload(InitiateMultipartUploadRequest request);

    CompletableFuture<UploadPartResponse> uploadPart(UploadPartRequest request, RequestBody body);

    CompletableFuture<CompleteMultipartUploadResponse> completeMultipartUpload(CompleteMultipartUploadRequest request);

    CompletableFuture<Void> abortMultipartUpload(AbortMultipartUploadRequest request);

    CompletableFuture<List<Part>> listParts(ListPartsRequest request);

    CompletableFuture<PresignedRequest> presign(PresignRequest request);

}
