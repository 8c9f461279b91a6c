package io.github.dynastream.kcl;

import java.time.Duration;

/** Doubling waits between the runs of a record that keeps failing, from {@code initial} up to {@code max}. */
record RetryBackoff(Duration initial, Duration max) {
    /** The wait after the given failed run of the same record (1 for the first). */
    Duration after(int failedRuns) {
        Duration delay = initial;
        for (int i = 1; i < failedRuns && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
