package dev.ferry.ews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

class ThrottlingGateTest {
    private static final String MAILBOX = "Sadie@contoso.com";

    @Test
    void noMoreThanTheLimitRunAtOnceAndTheRestStartInOrderAsSlotsFree() {
        ThrottlingGate gate = new ThrottlingGate(2, VirtualTimeScheduler.create());
        List<Sinks.One<String>> calls = new ArrayList<>();
        List<Integer> started = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            Sinks.One<String> sink = Sinks.one();
            calls.add(sink);
            gate.run(MAILBOX, () -> {
                started.add(n);
                return sink.asMono();
            }).subscribe(done::add, failed::add);
        }
        assertThat(started).containsExactly(0, 1);
        assertThat(gate.inFlight("sadie@CONTOSO.com")).as("mailboxes are case-insensitive").isEqualTo(2);
        calls.get(1).tryEmitValue("one");
        assertThat(started).containsExactly(0, 1, 2);
        calls.get(0).tryEmitError(new IllegalStateException("failed calls free their slot too"));
        assertThat(started).containsExactly(0, 1, 2, 3);
        calls.get(2).tryEmitValue("two");
        calls.get(3).tryEmitValue("three");
        calls.get(4).tryEmitValue("four");
        assertThat(done).containsExactly("one", "two", "three", "four");
        assertThat(failed).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("free their slot"));
        assertThat(gate.inFlight(MAILBOX)).isZero();
    }

    @Test
    void serverBusyHoldsNewRequestsForThatMailboxUntilTheBackOffHasPassed() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        ThrottlingGate gate = new ThrottlingGate(4, time);
        gate.backOff(MAILBOX, Duration.ofSeconds(5));
        List<String> ran = new ArrayList<>();
        gate.run(MAILBOX, () -> Mono.fromRunnable(() -> ran.add("held"))).subscribe();
        gate.run("other@contoso.com", () -> Mono.fromRunnable(() -> ran.add("other mailbox"))).subscribe();
        assertThat(ran).containsExactly("other mailbox");
        time.advanceTimeBy(Duration.ofMillis(4999));
        assertThat(ran).containsExactly("other mailbox");
        // Asked again meanwhile for longer: the held request waits for the later time.
        gate.backOff(MAILBOX, Duration.ofSeconds(3));
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(ran).containsExactly("other mailbox");
        time.advanceTimeBy(Duration.ofSeconds(3));
        assertThat(ran).containsExactly("other mailbox", "held");
        assertThat(gate.closedForMillis(MAILBOX)).isZero();
    }

    @Test
    void exceededConnectionCountHalvesTheLimitWhichRecoversAfterARunOfSuccesses() {
        ThrottlingGate gate = new ThrottlingGate(8, VirtualTimeScheduler.create());
        gate.lowerConcurrency(MAILBOX);
        assertThat(gate.limit(MAILBOX)).isEqualTo(4);
        gate.lowerConcurrency(MAILBOX);
        gate.lowerConcurrency(MAILBOX);
        gate.lowerConcurrency(MAILBOX);
        assertThat(gate.limit(MAILBOX)).isEqualTo(1);
        for (int i = 0; i < ThrottlingGate.RECOVERY_SUCCESSES - 1; i++) {
            gate.succeeded(MAILBOX);
        }
        assertThat(gate.limit(MAILBOX)).isEqualTo(1);
        gate.succeeded(MAILBOX);
        assertThat(gate.limit(MAILBOX)).isEqualTo(2);
    }

    @Test
    void cancellingAWaitingRequestGivesUpItsPlaceWithoutLeakingASlot() {
        ThrottlingGate gate = new ThrottlingGate(1, VirtualTimeScheduler.create());
        Sinks.One<String> first = Sinks.one();
        gate.run(MAILBOX, first::asMono).subscribe();
        List<String> ran = new ArrayList<>();
        Disposable waiting = gate.run(MAILBOX, () -> Mono.fromRunnable(() -> ran.add("cancelled one"))).subscribe();
        gate.run(MAILBOX, () -> Mono.fromRunnable(() -> ran.add("next"))).subscribe();
        waiting.dispose();
        first.tryEmitValue("done");
        assertThat(ran).containsExactly("next");
        assertThat(gate.inFlight(MAILBOX)).isZero();

        Disposable running = gate.run(MAILBOX, Mono::never).subscribe();
        assertThat(gate.inFlight(MAILBOX)).isEqualTo(1);
        running.dispose();
        assertThat(gate.inFlight(MAILBOX)).as("a cancelled running call frees its slot").isZero();
    }
}
