package dev.ferry.core.call;

/**
 * Called once when a Begin/End operation completes, successfully or not, or is cancelled. It runs
 * on a callback thread, never on an event loop, so it may block; it usually calls the matching
 * {@code end...} method to get the result or the exception.
 */
@FunctionalInterface
public interface AsyncCallback<T> {
    void onComplete(AsyncResult<T> result);
}
