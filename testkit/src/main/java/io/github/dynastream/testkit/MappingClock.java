package io.github.dynastream.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The mapping's time. The simulator's clock only moves when told to, so a run takes no real time
 * and repeats itself; a runner against a real stream would wait on the wall clock instead.
 * Implementations are used by one run at a time and need not be thread-safe.
 */
interface MappingClock {

    /** Waits until {@code instant} (a simulated clock just moves there) and returns the time it is then. */
    Instant waitUntil(Instant instant);

    /** When an invocation that started at {@code startedAt} and has just returned ended. */
    Instant invocationEnded(Instant startedAt);

    /** A simulated clock on which every invocation takes {@code invocationDuration}. */
    static MappingClock simulated(Duration invocationDuration) {
        Objects.requireNonNull(invocationDuration, "invocationDuration");
        return new MappingClock() {
            @Override
            public Instant waitUntil(Instant instant) {
                return instant;
            }

            @Override
            public Instant invocationEnded(Instant startedAt) {
                return startedAt.plus(invocationDuration);
            }
        };
    }
}
