package dev.ferry.core.internal.call;

import dev.ferry.core.FerryException;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.scheduler.Schedulers;

/** Waiting for a result on the caller's thread, and rethrowing its failure unwrapped. */
final class Await {
    private Await() {
    }

    static void refuseOnEventLoop(String what) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException(what + " would block thread " + Thread.currentThread().getName()
                    + ", which must never block (an event loop); use the reactive or future view there");
        }
    }

    /** Throws the failure as the caller should see it: the operation's own exception, not a wrapper. */
    static RuntimeException rethrow(Throwable failure) {
        Throwable t = Exceptions.unwrap(failure);
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new FerryException(t.getMessage() == null ? t.toString() : t.getMessage(), t);
    }

    static CancellationException cancelled(String operation, @Nullable Throwable cause) {
        CancellationException e = new CancellationException(operation + " was cancelled");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
