package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.IdempotencyStore.Acquisition.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {
    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final IdempotencyStore store = IdempotencyStore.inMemory(3, Duration.ofHours(25), clock);

    private Instant in(Duration d) {
        return clock.instant().plus(d);
    }

    @Test
    void leaseCompleteAndSkip() {
        assertThat(store.acquire("a", "inv-1", in(Duration.ofMinutes(1))).state())
                .isEqualTo(State.ACQUIRED);
        assertThat(store.acquire("a", "inv-2", in(Duration.ofMinutes(1))).state())
                .isEqualTo(State.HELD_ELSEWHERE);
        store.complete("a", "inv-1");
        assertThat(store.acquire("a", "inv-2", in(Duration.ofMinutes(1))).state())
                .isEqualTo(State.ALREADY_COMPLETED);
        assertThat(store.completedAmong(List.of("a", "b"))).containsExactly("a");
    }

    @Test
    void releaseCountsFailuresAndLetsTheNextDeliveryRun() {
        store.acquire("a", "inv-1", in(Duration.ofMinutes(1)));
        store.release("a", "inv-1");
        IdempotencyStore.Acquisition second = store.acquire("a", "inv-2", in(Duration.ofMinutes(1)));
        store.release("a", "inv-2");

        assertThat(second.state()).isEqualTo(State.ACQUIRED);
        assertThat(second.previousFailures()).isEqualTo(1);
        assertThat(store.acquire("a", "inv-3", in(Duration.ofMinutes(1))).previousFailures())
                .isEqualTo(2);
    }

    @Test
    void aCrashedInvocationsLeaseExpires() {
        store.acquire("a", "crashed", in(Duration.ofSeconds(30)));

        assertThat(store.acquire("a", "next", in(Duration.ofSeconds(30))).state())
                .isEqualTo(State.HELD_ELSEWHERE);
        clock.advance(Duration.ofSeconds(31));
        assertThat(store.acquire("a", "next", in(Duration.ofSeconds(30))).state())
                .isEqualTo(State.ACQUIRED);
    }

    @Test
    void completedEntriesExpireAndTheStoreIsBounded() {
        store.acquire("a", "inv", in(Duration.ofMinutes(1)));
        store.complete("a", "inv");
        clock.advance(Duration.ofHours(25).plusSeconds(1));
        assertThat(store.acquire("a", "inv-2", in(Duration.ofMinutes(1))).state())
                .isEqualTo(State.ACQUIRED);

        for (String key : List.of("k1", "k2", "k3", "k4")) {
            store.acquire(key, "inv", in(Duration.ofMinutes(1)));
            store.complete(key, "inv");
        }
        assertThat(store.completedAmong(List.of("k1", "k2", "k3", "k4"))).containsExactlyInAnyOrder("k2", "k3", "k4");
    }

    @Test
    void onlyOneOfManyRacingInvocationsGetsTheLease() throws Exception {
        IdempotencyStore shared = IdempotencyStore.inMemory();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<State>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String owner = "inv-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return shared.acquire("hot", owner, Instant.now().plusSeconds(60))
                        .state();
            }));
        }
        start.countDown();
        List<State> states = new ArrayList<>();
        for (Future<State> result : results) {
            states.add(result.get(10, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        assertThat(states).filteredOn(s -> s == State.ACQUIRED).hasSize(1);
        assertThat(states).filteredOn(s -> s == State.HELD_ELSEWHERE).hasSize(7);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> IdempotencyStore.inMemory(0, Duration.ofHours(1), clock))
                .hasMessage("maximum keys must be > 0 but was [0]");
        assertThatThrownBy(() -> IdempotencyStore.inMemory(1, Duration.ZERO, clock))
                .hasMessage("completedFor must be positive but was [PT0S]");
    }
}
