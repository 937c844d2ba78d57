package dev.ferry.core.call;

import org.jspecify.annotations.Nullable;

/**
 * The status of an operation started with a {@code begin...} method (the .NET {@code IAsyncResult}
 * shape). Pass it to the matching {@code end...} method for the result: that returns the value or
 * throws the operation's own exception. Calling {@code end...} is optional.
 *
 * <pre>{@code
 * AsyncResult<PutObjectResponse> ar = s3.callbacks().beginPutObject(request, body, null, null);
 * while (!ar.isCompleted()) { doOtherWork(); }
 * PutObjectResponse response = s3.callbacks().endPutObject(ar);
 * }</pre>
 */
public interface AsyncResult<T> {
    boolean isCompleted();

    /** The state object given to {@code begin...}, or null. */
    @Nullable Object asyncState();

    /** A handle to wait on until the operation completes. */
    WaitHandle waitHandle();

    /**
     * True when the operation had already completed before {@code begin...} returned (for instance
     * because an argument was refused before anything was sent); the callback then ran on the
     * caller's thread.
     */
    boolean completedSynchronously();

    /**
     * Cancels the operation: the exchange is closed and {@code end...} throws
     * {@link java.util.concurrent.CancellationException}. False if it had already completed.
     */
    boolean cancel();
}
