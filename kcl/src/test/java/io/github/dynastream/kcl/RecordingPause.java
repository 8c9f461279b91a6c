package io.github.dynastream.kcl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A pause that does not wait: it records each delay asked for, and answers "stop" from a given pause on. */
final class RecordingPause implements RetryPause {
    private final List<Duration> delays = new ArrayList<>();
    private int stopAt = Integer.MAX_VALUE;

    /** The {@code n}th pause (1 for the first) and every later one answers that the worker is stopping. */
    RecordingPause stopAt(int n) {
        this.stopAt = n;
        return this;
    }

    @Override
    public synchronized boolean pause(Duration delay) {
        delays.add(delay);
        return delays.size() < stopAt;
    }

    synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
