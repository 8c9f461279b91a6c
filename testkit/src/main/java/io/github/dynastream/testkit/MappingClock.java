package io.github.dynastream.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The mapping's time. The simulator's clock only moves when told to, so a run takes no real time
 * and repeats itself; the {@link LocalStreamRunner} waits on the wall clock instead ({@link #wall}).
 * Implementations are used by one run at a time and need not be thread-safe.
 */
interface MappingClock {

    /**
     * Waits until {@code instant} (a simulated clock just moves there) and returns the time it is
     * then, or null if the run must stop instead (a runner that is closing).
     */
    Instant waitUntil(Instant instant);

    /** When an invocation that started at {@code startedAt} and has just returned ended. */
    Instant invocationEnded(Instant startedAt);

    /** The time it is on this clock: where it last moved to, for a simulated clock. */
    Instant now();

    /**
     * The wall clock, for a runner against a real stream: it sleeps until the instant, and returns
     * null as soon as {@code stopping} says so (checked at least every 50 ms), so that a closing
     * runner's thread ends without being interrupted in the middle of an invocation.
     */
    static MappingClock wall(java.util.function.BooleanSupplier stopping) {
        Objects.requireNonNull(stopping, "stopping");
        return new MappingClock() {
            @Override
            public Instant waitUntil(Instant instant) {
                while (true) {
                    if (stopping.getAsBoolean()) {
                        return null;
                    }
                    Instant now = Instant.now();
                    if (!now.isBefore(instant)) {
                        return now;
                    }
                    long millis = Math.min(
                            50, Math.max(1, Duration.between(now, instant).toMillis()));
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
            }

            @Override
            public Instant invocationEnded(Instant startedAt) {
                Instant now = Instant.now();
                return now.isBefore(startedAt) ? startedAt : now;
            }

            @Override
            public Instant now() {
                return Instant.now();
            }
        };
    }

    /**
     * A simulated clock that starts at {@code start} and on which every invocation takes {@code
     * invocationDuration}. It moves only when waited on; an invocation ending does not move it, so
     * that batches of other lanes or shards due meanwhile start while the invocation is in flight.
     */
    static MappingClock simulated(Duration invocationDuration, Instant start) {
        Objects.requireNonNull(invocationDuration, "invocationDuration");
        Objects.requireNonNull(start, "start");
        return new MappingClock() {
            private Instant now = start;

            @Override
            public Instant waitUntil(Instant instant) {
                if (instant.isAfter(now)) {
                    now = instant;
                }
                return now;
            }

            @Override
            public Instant invocationEnded(Instant startedAt) {
                return startedAt.plus(invocationDuration);
            }

            @Override
            public Instant now() {
                return now;
            }
        };
    }
}
