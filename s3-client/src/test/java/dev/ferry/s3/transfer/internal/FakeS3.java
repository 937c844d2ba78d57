package dev.ferry.s3.transfer.internal;

import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadResponse;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.CreateMultipartUploadResponse;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An S3Client that answers the multipart operations as a test says, and records what it was asked;
 * any other operation fails the test. A dynamic proxy, so new client operations need no change here.
 */
final class FakeS3 {
    final List<Integer> partsSent = new CopyOnWriteArrayList<>();
    final AtomicInteger partsInFlight = new AtomicInteger();
    final AtomicInteger mostPartsInFlight = new AtomicInteger();
    final AtomicInteger aborts = new AtomicInteger();
    final AtomicInteger completes = new AtomicInteger();
    volatile Mono<CreateMultipartUploadResponse> create = Mono.fromSupplier(() -> new CreateMultipartUploadResponse("b", "k", "upload-1"));
    volatile Function<UploadPartRequest, Mono<UploadPartResponse>> uploadPart =
            r -> Mono.just(new UploadPartResponse(r.partNumber(), "\"etag-" + r.partNumber() + "\"", null));
    volatile Mono<Void> abort = Mono.empty();

    S3Client client() {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "createMultipartUpload" -> {
                        assert args[0] instanceof CreateMultipartUploadRequest;
                        yield create;
                    }
                    case "uploadPart" -> {
                        UploadPartRequest request = (UploadPartRequest) args[0];
                        yield Mono.defer(() -> {
                            partsSent.add(request.partNumber());
                            mostPartsInFlight.accumulateAndGet(partsInFlight.incrementAndGet(), Math::max);
                            return uploadPart.apply(request);
                            // doOnTerminate, not doFinally: doFinally runs after the end has reached the
                            // upload, which may already have sent the next part, counted as a fourth in flight.
                        }).doOnTerminate(partsInFlight::decrementAndGet).doOnCancel(partsInFlight::decrementAndGet);
                    }
                    case "completeMultipartUpload" -> {
                        CompleteMultipartUploadRequest request = (CompleteMultipartUploadRequest) args[0];
                        yield Mono.fromSupplier(() -> {
                            completes.incrementAndGet();
                            return new CompleteMultipartUploadResponse(null, request.bucket(), request.key(), "\"done-"
                                    + request.parts().size() + "\"", null, null);
                        });
                    }
                    case "abortMultipartUpload" -> {
                        assert args[0] instanceof AbortMultipartUploadRequest;
                        yield Mono.defer(() -> {
                            aborts.incrementAndGet();
                            return abort;
                        });
                    }
                    case "toString" -> "FakeS3";
                    default -> throw new AssertionError("the transfer was not expected to call " + method.getName());
                });
    }
}
