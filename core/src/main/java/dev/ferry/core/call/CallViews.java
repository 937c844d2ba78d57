package dev.ferry.core.call;

import dev.ferry.core.internal.call.ViewHandler;
import dev.ferry.core.internal.call.ViewHandler.Style;
import java.util.List;
import java.util.concurrent.Executor;
import reactor.core.scheduler.Schedulers;

/**
 * The one generic adapter from a reactive client to its other call styles. A view is an interface
 * that only declares methods; each is matched by name and parameters to the reactive interface:
 *
 * <table>
 *   <caption>How view methods map to reactive methods</caption>
 *   <tr><th>reactive</th><th>futures view</th><th>callbacks view</th><th>blocking view</th></tr>
 *   <tr><td>{@code Mono<R> op(A)}</td><td>{@code CompletableFuture<R> op(A)}</td>
 *       <td>{@code AsyncResult<R> beginOp(A, AsyncCallback<R>, Object)} and {@code R endOp(AsyncResult<R>)}</td>
 *       <td>{@code R op(A)}</td></tr>
 *   <tr><td>{@code Flux<E> op(A)}</td><td>{@code CompletableFuture<List<E>> op(A)}</td>
 *       <td>{@code AsyncResult<List<E>> beginOp(...)}, {@code List<E> endOp(...)}</td>
 *       <td>{@code List<E>}, {@code Stream<E>} or {@code Iterable<E> op(A)}</td></tr>
 * </table>
 *
 * <p>Futures complete, and callbacks run, on the given executor (by default Reactor's bounded
 * elastic scheduler), never on an event loop: code chained onto them may block. Cancelling a future
 * or an {@link AsyncResult} cancels the exchange. The blocking view refuses to run on an event loop.
 */
public final class CallViews {
    private CallViews() {
    }

    /** The executor futures complete on and callbacks run on unless told otherwise. */
    public static Executor defaultExecutor() {
        return task -> Schedulers.boundedElastic().schedule(task);
    }

    public static <V> V futures(Class<V> view, Class<?> reactiveType, Object client) {
        return futures(view, reactiveType, client, defaultExecutor());
    }

    public static <V> V futures(Class<V> view, Class<?> reactiveType, Object client, Executor completionExecutor) {
        return ViewHandler.create(view, reactiveType, client, Style.FUTURE, completionExecutor);
    }

    public static <V> V callbacks(Class<V> view, Class<?> reactiveType, Object client) {
        return callbacks(view, reactiveType, client, defaultExecutor());
    }

    public static <V> V callbacks(Class<V> view, Class<?> reactiveType, Object client, Executor callbackExecutor) {
        return ViewHandler.create(view, reactiveType, client, Style.CALLBACK, callbackExecutor);
    }

    public static <V> V blocking(Class<V> view, Class<?> reactiveType, Object client) {
        return ViewHandler.create(view, reactiveType, client, Style.BLOCKING, Runnable::run);
    }

    /** The methods of a futures view that match nothing in the reactive interface (for tests). */
    public static List<String> unmatchedFutures(Class<?> view, Class<?> reactiveType) {
        return ViewHandler.unmatched(view, reactiveType, Style.FUTURE);
    }

    public static List<String> unmatchedCallbacks(Class<?> view, Class<?> reactiveType) {
        return ViewHandler.unmatched(view, reactiveType, Style.CALLBACK);
    }

    public static List<String> unmatchedBlocking(Class<?> view, Class<?> reactiveType) {
        return ViewHandler.unmatched(view, reactiveType, Style.BLOCKING);
    }
}
