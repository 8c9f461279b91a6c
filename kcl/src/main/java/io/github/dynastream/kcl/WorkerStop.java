package io.github.dynastream.kcl;

import java.time.Duration;

/**
 * The one stop signal of a worker: set once by {@link KclWorker#close()}, it wakes every shard waiting
 * to retry a failed record, so a graceful shutdown is not held up by a backoff.
 */
final class WorkerStop implements RetryPause {
    private boolean stopping;

    synchronized void stop() {
        stopping = true;
        notifyAll();
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    @Override
    public synchronized boolean pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        try {
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopping;
    }
}
