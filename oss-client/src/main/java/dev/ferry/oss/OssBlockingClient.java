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

/**
 * {@link OssClient}'s operations, blocking the calling thread until they complete; they throw the
 * operation's own exception ({@link OssException}, {@link dev.ferry.core.TransportException}, ...)
 * unwrapped. Calling them on an event-loop thread is refused rather than allowed to stall it.
 */
public interface OssBlockingClient {
    AsyncProcessObjectResponse asyncProcessObject(AsyncProcessObjectRequest request);

    AsyncProcessObjectResponse asyncProcessObject(String bucket, String key, String process);

    AsyncProcessObjectResponse asyncProcessObject(String bucket, String key, ProcessInstruction process);

    ProcessObjectResponse processObject(ProcessObjectRequest request);

    ProcessObjectResponse processObject(String bucket, String key, String process);

    ProcessObjectResponse processObject(String bucket, String key, ProcessInstruction process);

    PutObjectResponse putObject(PutObjectRequest request, RequestBody body);

    <T> T getObject(GetObjectRequest request, BodyReader<ObjectMetadata, T> reader);

    ObjectMetadata headObject(HeadObjectRequest request);

    DeleteObjectResponse deleteObject(DeleteObjectRequest request);

    InitiateMultipartUploadResponse initiateMultipartUpload(InitiateMultipartUploadRequest request);

    UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body);

    CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request);

    Void abortMultipartUpload(AbortMultipartUploadRequest request);

    List<Part> listParts(ListPartsRequest request);

    PresignedRequest presign(PresignRequest request);

}
