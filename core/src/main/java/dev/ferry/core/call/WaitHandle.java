package dev.ferry.core.call;

import java.time.Duration;

/** Lets a thread wait for an {@link AsyncResult} to complete, as the .NET {@code AsyncWaitHandle} does. */
public interface WaitHandle {
    /** Waits until the operation completes. */
    void await() throws InterruptedException;

    /** Waits at most {@code timeout}; true when the operation completed. */
    boolean await(Duration timeout) throws InterruptedException;
}
