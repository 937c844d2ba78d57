package dev.ferry.ews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class SingleFlightTest {

    @Test
    void callersWhileAFetchRunsShareItAndACallerAfterItStartsANewOne() {
        SingleFlight<Integer> flight = new SingleFlight<>();
        AtomicInteger fetches = new AtomicInteger();
        Sinks.One<Integer> pending = Sinks.one();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            flight.join(() -> {
                fetches.incrementAndGet();
                return pending.asMono();
            }).subscribe(got::add);
        }
        assertThat(fetches).hasValue(1);
        pending.tryEmitValue(7);
        assertThat(got).containsExactly(7, 7, 7);

        // Asked by a caller that has just been answered (here: while the answer is being delivered,
        // as a thread that got the value may do before the fetch's own bookkeeping ran), it fetches anew.
        List<Integer> second = new ArrayList<>();
        flight.join(() -> Mono.fromCallable(fetches::incrementAndGet))
                .subscribe(first -> flight.join(() -> Mono.fromCallable(fetches::incrementAndGet)).subscribe(second::add));
        assertThat(second).containsExactly(3);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aFailedFetchIsNotRemembered() {
        SingleFlight<String> flight = new SingleFlight<>();
        AtomicInteger fetches = new AtomicInteger();
        flight.join(() -> Mono.<String>error(new IllegalStateException("down")).doOnSubscribe(s -> fetches.incrementAndGet()))
                .onErrorReturn("failed").block();
        assertThat(flight.join(() -> Mono.just("up").doOnSubscribe(s -> fetches.incrementAndGet())).block()).isEqualTo("up");
        assertThat(fetches).hasValue(2);
    }
}
