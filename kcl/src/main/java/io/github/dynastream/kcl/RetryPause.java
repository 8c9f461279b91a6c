package io.github.dynastream.kcl;

import java.time.Duration;

/** How a shard waits before it runs a failed record again; the worker's stop ends the wait early. */
interface RetryPause {
    /**
     * Waits up to {@code delay}.
     *
     * @return true to try again, false if the worker is stopping and the shard should give up its batch
     */
    boolean pause(Duration delay);
}
