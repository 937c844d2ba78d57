package dev.ferry.ews.internal;

import dev.ferry.core.call.AsyncCallback;
import dev.ferry.core.call.AsyncResult;
import dev.ferry.core.call.CallViews;
import dev.ferry.ews.EwsClient;
import dev.ferry.ews.EwsCredentials;
import dev.ferry.ews.EwsOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link EwsClient#connect} in the other call styles. The client's views are taken of a client, and
 * before connect there is none, so these are taken, by the same generic adapter, of a connector
 * whose one operation is connect; nothing about a style is written here twice.
 */
public final class EwsConnector {
    /** The reactive connect, as an interface the adapter matches the views against. */
    public interface Reactive {
        Mono<EwsClient> connect(URI endpoint, EwsCredentials credentials, EwsOptions options);
    }

    public interface Futures {
        CompletableFuture<EwsClient> connect(URI endpoint, EwsCredentials credentials, EwsOptions options);
    }

    public interface Callbacks {
        AsyncResult<EwsClient> beginConnect(URI endpoint, EwsCredentials credentials, EwsOptions options,
                                            @Nullable AsyncCallback<EwsClient> callback, @Nullable Object state);

        EwsClient endConnect(AsyncResult<EwsClient> result);
    }

    public interface Blocking {
        EwsClient connect(URI endpoint, EwsCredentials credentials, EwsOptions options);
    }

    private static final Reactive REACTIVE = EwsClientImpl::connect;
    public static final Futures FUTURES = CallViews.futures(Futures.class, Reactive.class, REACTIVE);
    /** One instance for all callers: endConnect accepts only what beginConnect of the same view returned. */
    public static final Callbacks CALLBACKS = CallViews.callbacks(Callbacks.class, Reactive.class, REACTIVE);
    public static final Blocking BLOCKING = CallViews.blocking(Blocking.class, Reactive.class, REACTIVE);

    private EwsConnector() {
    }
}
