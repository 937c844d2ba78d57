package dev.ferry.core.call;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A small reactive client and the views a service would declare over it, for {@link CallViewsTest}.
 * Public, as a service's client interfaces are: the views call them reflectively.
 */
public interface Greeter {
    /** Refuses an empty name synchronously, before returning a Mono, as a service validating arguments does. */
    Mono<String> greet(String name);

    Flux<Integer> count(int n);

    /** Fails with the exception the test client was given. */
    Mono<String> fail();

    /** Never completes; records cancellation. */
    Mono<String> hang();

    /** Completes when the test emits, on the emitter scheduler. */
    Mono<String> later();

    Mono<Void> touch();

    interface Futures {
        CompletableFuture<String> greet(String name);

        CompletableFuture<List<Integer>> count(int n);

        CompletableFuture<String> fail();

        CompletableFuture<String> hang();

        CompletableFuture<String> later();

        CompletableFuture<Void> touch();

        /** Views may add conveniences of their own. */
        default CompletableFuture<String> greetEveryone() {
            return greet("everyone");
        }
    }

    interface Callbacks {
        AsyncResult<String> beginGreet(String name, AsyncCallback<String> callback, Object state);

        String endGreet(AsyncResult<String> result);

        AsyncResult<List<Integer>> beginCount(int n, AsyncCallback<List<Integer>> callback, Object state);

        List<Integer> endCount(AsyncResult<List<Integer>> result);

        AsyncResult<String> beginFail(AsyncCallback<String> callback, Object state);

        String endFail(AsyncResult<String> result);

        AsyncResult<String> beginHang(AsyncCallback<String> callback, Object state);

        String endHang(AsyncResult<String> result);

        AsyncResult<String> beginLater(AsyncCallback<String> callback, Object state);

        String endLater(AsyncResult<String> result);
    }

    interface Blocking {
        String greet(String name);

        List<Integer> count(int n);

        String fail();

        String hang();

        void touch();
    }

    interface Streams {
        Stream<Integer> count(int n);
    }

    interface Iterables {
        Iterable<Integer> count(int n);
    }

    /** A futures view with a method the client does not have. */
    interface Mismatched {
        CompletableFuture<String> greet(String name);

        CompletableFuture<String> farewell(String name, int times);
    }

    /** A futures view of a Flux method that promises a single value. */
    interface WrongShape {
        CompletableFuture<Integer> count(int n);
    }

    /** A view with a static helper, as interfaces often have. */
    interface FuturesWithHelper {
        CompletableFuture<String> greet(String name);

        static String describe() {
            return "futures view of Greeter";
        }
    }
}
