package dev.ferry.core.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The future, Begin/End and blocking views that {@link CallViews} makes of a reactive client. */
class CallViewsTest {
    private static final long WAIT_SECONDS = 5;

    /** Emits on its own NonBlocking threads, as Netty event loops would. */
    private final Scheduler emitter = Schedulers.newParallel("emitter", 1);
    private final FakeGreeter client = new FakeGreeter(emitter);

    @AfterEach
    void stop() {
        emitter.dispose();
    }

    static final class FakeGreeter implements Greeter {
        final Scheduler emitter;
        final IllegalStateException failure = new IllegalStateException("the operation's own failure");
        final CountDownLatch hangSubscribed = new CountDownLatch(1);
        final AtomicBoolean hangCancelled = new AtomicBoolean();
        final Sinks.One<String> later = Sinks.one();
        final AtomicInteger touched = new AtomicInteger();

        FakeGreeter(Scheduler emitter) {
            this.emitter = emitter;
        }

        @Override
        public Mono<String> greet(String name) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name must not be empty");
            }
            return Mono.just("hello " + name).publishOn(emitter);
        }

        @Override
        public Flux<Integer> count(int n) {
            return Flux.range(1, n).publishOn(emitter);
        }

        @Override
        public Mono<String> fail() {
            return Mono.<String>error(failure).publishOn(emitter);
        }

        @Override
        public Mono<String> hang() {
            return Mono.<String>never().doOnSubscribe(s -> hangSubscribed.countDown()).doOnCancel(() -> hangCancelled.set(true));
        }

        @Override
        public Mono<String> later() {
            return later.asMono();
        }

        void emitLater(String value) {
            emitter.schedule(() -> later.tryEmitValue(value));
        }

        @Override
        public Mono<Void> touch() {
            return Mono.fromRunnable(touched::incrementAndGet).publishOn(emitter).then();
        }
    }

    private Greeter.Futures futures() {
        return CallViews.futures(Greeter.Futures.class, Greeter.class, client);
    }

    private Greeter.Callbacks callbacks() {
        return CallViews.callbacks(Greeter.Callbacks.class, Greeter.class, client);
    }

    private Greeter.Blocking blocking() {
        return CallViews.blocking(Greeter.Blocking.class, Greeter.class, client);
    }

    // ---- futures ----

    @Test
    void aFutureCompletesWithTheValue() throws Exception {
        assertThat(futures().greet("ann").get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hello ann");
    }

    @Test
    void aFutureOfAFluxCompletesWithAllItsElements() throws Exception {
        assertThat(futures().count(4).get(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aFutureOfAnEmptyMonoCompletesWithNull() throws Exception {
        assertThat(futures().touch().get(WAIT_SECONDS, TimeUnit.SECONDS)).isNull();
        assertThat(client.touched).hasValue(1);
    }

    @Test
    void aFailedFutureCarriesTheOperationsOwnException() {
        CompletableFuture<String> future = futures().fail();

        assertThatThrownBy(() -> future.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isSameAs(client.failure);
        assertThatThrownBy(future::join)
                .isInstanceOf(CompletionException.class)
                .cause().isSameAs(client.failure);
    }

    @Test
    void anArgumentRefusedSynchronouslyGivesAFailedFutureInsteadOfAThrow() {
        CompletableFuture<String> future = futures().greet("");

        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::join).cause().isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be empty");
    }

    @Test
    void cancellingAFutureCancelsTheOperation() throws Exception {
        CompletableFuture<String> future = futures().hang();
        assertThat(client.hangSubscribed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(future.cancel(true)).isTrue();

        assertThat(future).isCancelled();
        assertThat(client.hangCancelled).isTrue();
    }

    @Test
    void codeChainedOnAFutureDoesNotRunOnTheThreadThatEmitted() throws Exception {
        CompletableFuture<String> future = futures().later();
        CompletableFuture<Thread> chainedOn = future.thenApply(v -> Thread.currentThread());

        client.emitLater("late");

        Thread thread = chainedOn.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(future.get()).isEqualTo("late");
        assertThat(thread).isNotInstanceOf(NonBlocking.class);
        assertThat(thread.getName()).doesNotStartWith("emitter");
    }

    @Test
    void aFutureCompletesOnTheExecutorItWasGiven() throws Exception {
        ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-callbacks"));
        try {
            Greeter.Futures view = CallViews.futures(Greeter.Futures.class, Greeter.class, client, callbacks);
            CompletableFuture<String> chained = view.later().thenApply(v -> v + " on " + Thread.currentThread().getName());

            client.emitLater("late");

            assertThat(chained.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("late on app-callbacks");
        } finally {
            callbacks.shutdownNow();
        }
    }

    @Test
    void defaultMethodsOfAViewWork() throws Exception {
        assertThat(futures().greetEveryone().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hello everyone");
    }

    // ---- Begin/End ----

    /** Records every call of a callback. */
    static final class Recorder<T> implements AsyncCallback<T> {
        final List<AsyncResult<T>> results = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch called = new CountDownLatch(1);

        @Override
        public void onComplete(AsyncResult<T> result) {
            results.add(result);
            threads.add(Thread.currentThread());
            called.countDown();
        }

        void awaitCalled() throws InterruptedException {
            assertThat(called.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the callback ran").isTrue();
        }
    }

    @Test
    void beginRunsTheCallbackOnceWithTheStateAndEndReturnsTheValue() throws Exception {
        Greeter.Callbacks view = callbacks();
        Recorder<String> callback = new Recorder<>();
        Object state = new Object();

        AsyncResult<String> ar = view.beginLater(callback, state);
        assertThat(ar.isCompleted()).isFalse();
        client.emitLater("late");
        callback.awaitCalled();

        assertThat(view.endLater(ar)).isEqualTo("late");
        assertThat(callback.results).containsExactly(ar);
        assertThat(ar.asyncState()).isSameAs(state);
        assertThat(ar.isCompleted()).isTrue();
        assertThat(ar.completedSynchronously()).isFalse();
        assertThat(callback.threads.get(0)).isNotInstanceOf(NonBlocking.class);
        assertThat(callback.threads.get(0).getName()).doesNotStartWith("emitter");
    }

    @Test
    void endMayBeCalledFromInsideTheCallback() throws Exception {
        Greeter.Callbacks view = callbacks();
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);

        view.beginGreet("bob", ar -> {
            seen.set(view.endGreet(ar));
            done.countDown();
        }, null);

        assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasValue("hello bob");
    }

    @Test
    void beginOfAFluxGivesTheListToEnd() throws Exception {
        Greeter.Callbacks view = callbacks();
        Recorder<List<Integer>> callback = new Recorder<>();

        AsyncResult<List<Integer>> ar = view.beginCount(3, callback, null);
        callback.awaitCalled();

        assertThat(view.endCount(ar)).containsExactly(1, 2, 3);
    }

    @Test
    void endRethrowsTheOperationsOwnException() throws Exception {
        Greeter.Callbacks view = callbacks();
        Recorder<String> callback = new Recorder<>();

        AsyncResult<String> ar = view.beginFail(callback, null);
        callback.awaitCalled();

        assertThatThrownBy(() -> view.endFail(ar)).isSameAs(client.failure);
        assertThat(callback.results).hasSize(1);
    }

    @Test
    void anArgumentRefusedSynchronouslyCompletesSynchronouslyOnTheCallingThread() {
        Greeter.Callbacks view = callbacks();
        Recorder<String> callback = new Recorder<>();

        AsyncResult<String> ar = view.beginGreet("", callback, "state");

        assertThat(ar.isCompleted()).isTrue();
        assertThat(ar.completedSynchronously()).isTrue();
        assertThat(callback.threads).containsExactly(Thread.currentThread());
        assertThat(ar.asyncState()).isEqualTo("state");
        assertThatThrownBy(() -> view.endGreet(ar)).isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be empty");
    }

    @Test
    void cancelStopsTheOperationRunsTheCallbackOnceAndEndThrowsCancellation() throws Exception {
        Greeter.Callbacks view = callbacks();
        Recorder<String> callback = new Recorder<>();

        AsyncResult<String> ar = view.beginHang(callback, null);
        assertThat(client.hangSubscribed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(ar.cancel()).isTrue();
        callback.awaitCalled();

        assertThat(client.hangCancelled).isTrue();
        assertThat(ar.isCompleted()).isTrue();
        assertThat(ar.cancel()).as("cancelling again").isFalse();
        assertThatThrownBy(() -> view.endHang(ar)).isInstanceOf(CancellationException.class).hasMessageContaining("hang");
        assertThat(callback.results).hasSize(1);
    }

    @Test
    void cancelAfterCompletionChangesNothing() throws Exception {
        Greeter.Callbacks view = callbacks();
        Recorder<String> callback = new Recorder<>();

        AsyncResult<String> ar = view.beginGreet("cy", callback, null);
        callback.awaitCalled();

        assertThat(ar.cancel()).isFalse();
        assertThat(view.endGreet(ar)).isEqualTo("hello cy");
        assertThat(callback.results).hasSize(1);
    }

    @Test
    void endRefusesAResultFromAnotherOperation() throws Exception {
        Greeter.Callbacks view = callbacks();
        Recorder<String> callback = new Recorder<>();
        AsyncResult<String> greeting = view.beginGreet("dee", callback, null);
        callback.awaitCalled();

        assertThatThrownBy(() -> view.endFail(greeting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endFail")
                .hasMessageContaining("beginFail");
    }

    @Test
    void endRefusesAResultFromAnotherView() throws Exception {
        Recorder<String> callback = new Recorder<>();
        AsyncResult<String> ar = callbacks().beginGreet("eve", callback, null);
        callback.awaitCalled();

        assertThatThrownBy(() -> callbacks().endGreet(ar)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endRefusesAResultItDidNotMake() {
        AsyncResult<String> foreign = new AsyncResult<>() {
            @Override
            public boolean isCompleted() {
                return true;
            }

            @Override
            public Object asyncState() {
                return null;
            }

            @Override
            public WaitHandle waitHandle() {
                return null;
            }

            @Override
            public boolean completedSynchronously() {
                return true;
            }

            @Override
            public boolean cancel() {
                return false;
            }
        };

        assertThatThrownBy(() -> callbacks().endGreet(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWaitHandleWaitsUntilCompletion() throws Exception {
        Greeter.Callbacks view = callbacks();
        AsyncResult<String> ar = view.beginLater(null, null);

        assertThat(ar.waitHandle().await(Duration.ofMillis(50))).as("not completed yet").isFalse();

        client.emitLater("late");

        assertThat(ar.waitHandle().await(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
        ar.waitHandle().await();
        assertThat(ar.isCompleted()).isTrue();
        assertThat(view.endLater(ar)).isEqualTo("late");
    }

    @Test
    void endWaitsForTheOperationWhenCalledEarly() {
        Greeter.Callbacks view = callbacks();
        AsyncResult<String> ar = view.beginLater(null, null);

        emitter.schedule(() -> client.later.tryEmitValue("eventually"), 50, TimeUnit.MILLISECONDS);

        assertThat(view.endLater(ar)).isEqualTo("eventually");
    }

    @Test
    void aCallbackThatThrowsDoesNotChangeTheOutcome() throws Exception {
        Greeter.Callbacks view = callbacks();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch called = new CountDownLatch(1);

        AsyncResult<String> ar = view.beginGreet("fay", r -> {
            calls.incrementAndGet();
            called.countDown();
            throw new IllegalStateException("a bug in the caller's callback");
        }, null);

        assertThat(called.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(view.endGreet(ar)).isEqualTo("hello fay");
        assertThat(calls).hasValue(1);
    }

    @Test
    void callbacksRunOnTheExecutorTheyWereGiven() throws Exception {
        BlockingQueue<Runnable> queued = new LinkedBlockingQueue<>();
        Greeter.Callbacks view = CallViews.callbacks(Greeter.Callbacks.class, Greeter.class, client, queued::add);
        AtomicInteger calls = new AtomicInteger();

        AsyncResult<String> ar = view.beginGreet("gus", r -> calls.incrementAndGet(), null);
        Runnable task = queued.poll(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(task).as("the callback was handed to the executor").isNotNull();
        assertThat(calls).as("not run until the executor runs it").hasValue(0);
        task.run();
        assertThat(calls).hasValue(1);
        assertThat(view.endGreet(ar)).isEqualTo("hello gus");
    }

    @Test
    void waitingOrEndingOnAnEventLoopIsRefused() {
        Greeter.Callbacks view = callbacks();
        AsyncResult<String> pending = view.beginHang(null, null);

        StepVerifier.create(Mono.fromCallable(() -> pending.waitHandle().await(Duration.ofSeconds(1))).subscribeOn(emitter))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("must never block"))
                .verify(Duration.ofSeconds(WAIT_SECONDS));
        StepVerifier.create(Mono.fromCallable(() -> view.endHang(pending)).subscribeOn(emitter))
                .expectError(IllegalStateException.class)
                .verify(Duration.ofSeconds(WAIT_SECONDS));
        pending.cancel();
    }

    // ---- blocking ----

    @Test
    void theBlockingViewReturnsValuesAndListsAndRunsVoidOperations() {
        Greeter.Blocking view = blocking();

        assertThat(view.greet("hal")).isEqualTo("hello hal");
        assertThat(view.count(3)).containsExactly(1, 2, 3);
        view.touch();
        assertThat(client.touched).hasValue(1);
    }

    @Test
    void theBlockingViewStreamsAndIteratesAFlux() {
        Greeter.Streams streams = CallViews.blocking(Greeter.Streams.class, Greeter.class, client);
        Greeter.Iterables iterables = CallViews.blocking(Greeter.Iterables.class, Greeter.class, client);

        assertThat(streams.count(4).collect(Collectors.toList())).containsExactly(1, 2, 3, 4);
        assertThat(iterables.count(2)).containsExactly(1, 2);
    }

    @Test
    void theBlockingViewThrowsTheOperationsOwnException() {
        assertThatThrownBy(() -> blocking().fail()).isSameAs(client.failure);
        assertThatThrownBy(() -> blocking().greet("")).isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be empty");
    }

    @Test
    void theBlockingViewRefusesToRunOnANonBlockingThread() {
        Greeter.Blocking view = blocking();
        Greeter.Streams streams = CallViews.blocking(Greeter.Streams.class, Greeter.class, client);

        StepVerifier.create(Mono.fromCallable(() -> view.greet("ivy")).subscribeOn(emitter))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("blocking greet")
                        .hasMessageContaining("emitter"))
                .verify(Duration.ofSeconds(WAIT_SECONDS));
        StepVerifier.create(Mono.fromCallable(() -> streams.count(1)).subscribeOn(emitter))
                .expectError(IllegalStateException.class)
                .verify(Duration.ofSeconds(WAIT_SECONDS));
    }

    @Test
    void interruptingABlockedCallerCancelsTheOperation() throws Exception {
        Greeter.Blocking view = blocking();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                view.hang();
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(client.hangSubscribed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(stillInterrupted).isTrue();
        assertThat(client.hangCancelled).isTrue();
    }

    // ---- making views ----

    @Test
    void aViewWithAMethodTheClientLacksFailsAtCreationNamingIt() {
        assertThatThrownBy(() -> CallViews.futures(Greeter.Mismatched.class, Greeter.class, client))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Mismatched")
                .hasMessageContaining("farewell(String, int)")
                .hasMessageNotContaining("greet(");
        assertThat(CallViews.unmatchedFutures(Greeter.Mismatched.class, Greeter.class)).containsExactly("farewell(String, int)");
    }

    @Test
    void aViewMethodOfTheWrongShapeIsUnmatched() {
        assertThat(CallViews.unmatchedFutures(Greeter.WrongShape.class, Greeter.class)).containsExactly("count(int)");
        assertThat(CallViews.unmatchedBlocking(Greeter.Futures.class, Greeter.class)).isNotEmpty();
    }

    @Test
    void theGoodViewsMatchEveryMethod() {
        assertThat(CallViews.unmatchedFutures(Greeter.Futures.class, Greeter.class)).isEmpty();
        assertThat(CallViews.unmatchedCallbacks(Greeter.Callbacks.class, Greeter.class)).isEmpty();
        assertThat(CallViews.unmatchedBlocking(Greeter.Blocking.class, Greeter.class)).isEmpty();
    }

    @Test
    void aViewMayDeclareStaticHelpers() throws Exception {
        Greeter.FuturesWithHelper view = CallViews.futures(Greeter.FuturesWithHelper.class, Greeter.class, client);

        assertThat(view.greet("jo").get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hello jo");
        assertThat(CallViews.unmatchedFutures(Greeter.FuturesWithHelper.class, Greeter.class)).isEmpty();
    }

    @Test
    void aViewMustBeAnInterfaceOverAClientOfTheRightType() {
        assertThatThrownBy(() -> CallViews.futures(Object.class, Greeter.class, client))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an interface");
        assertThatThrownBy(() -> CallViews.futures(Greeter.Futures.class, Greeter.class, "not a greeter"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a");
    }

    @Test
    void aViewHasObjectMethods() {
        Greeter.Futures view = futures();

        assertThat(view.toString()).contains("Futures");
        assertThat(view).isEqualTo(view).isNotEqualTo(futures());
        assertThat(view.hashCode()).isEqualTo(view.hashCode());
    }
}
