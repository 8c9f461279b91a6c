package io.github.dynastream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * In-process retries of a handler method, for transient failures (a throttled downstream call), so
 * one hiccup does not fail the record and hold up the shard. Only the configured exception types
 * are retried; every other exception fails the record at once. Backoff grows exponentially, and
 * retries stop early when the invocation's remaining time (from the Lambda {@code Context}) would
 * not cover the next wait plus a safety margin. Runs on resilience4j's {@code Retry}.
 *
 * <pre>{@code
 * StreamProcessor.builder()
 *         .handler(new OrderEvents())
 *         .retry(RetryPolicy.builder()
 *                 .retryOn(ThrottlingException.class, SocketTimeoutException.class)
 *                 .maxAttempts(4)
 *                 .backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(2))
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final Duration safetyMargin;
    private final List<Class<? extends Throwable>> retryOn;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        this.safetyMargin = b.safetyMargin;
        this.retryOn = List.copyOf(b.retryOn);
    }

    /** Starts configuring a policy. */
    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before the first retry. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The factor by which each wait grows. */
    public double multiplier() {
        return multiplier;
    }

    /** The longest wait. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Time kept free at the end of the invocation: no retry starts inside it. */
    public Duration safetyMargin() {
        return safetyMargin;
    }

    /** Whether an exception is of a retryable type. */
    public boolean isRetryable(Throwable error) {
        return retryOn.stream().anyMatch(type -> type.isInstance(error));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + " x" + multiplier + " up to "
                + maxBackoff + ", retryOn=" + retryOn + "]";
    }

    /** Configures a {@link RetryPolicy}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(100);
        private double multiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration safetyMargin = Duration.ofSeconds(1);
        private final List<Class<? extends Throwable>> retryOn = new ArrayList<>();

        private Builder() {}

        /** Attempts in all, the first included (default 3). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Exponential backoff: the first wait, the growth factor, the longest wait (default 100 ms, 2, 5 s). */
        public Builder backoff(Duration initial, double multiplier, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.multiplier = multiplier;
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Time kept free before the invocation's deadline (default 1 s). */
        public Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = Objects.requireNonNull(safetyMargin, "safetyMargin");
            return this;
        }

        /** Exception types to retry (and their subtypes); repeatable. */
        @SafeVarargs
        public final Builder retryOn(Class<? extends Throwable>... types) {
            for (Class<? extends Throwable> type : types) {
                retryOn.add(Objects.requireNonNull(type, "type"));
            }
            return this;
        }

        /**
         * Builds the policy.
         *
         * @throws IllegalArgumentException if a setting is out of range or no exception type was given
         */
        public RetryPolicy build() {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max attempts must be >= 1 but was [" + maxAttempts + "]");
            }
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max but was [" + initialBackoff
                        + ", " + maxBackoff + "]");
            }
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("backoff multiplier must be >= 1 but was [" + multiplier + "]");
            }
            if (retryOn.isEmpty()) {
                throw new IllegalArgumentException(
                        "a retry policy needs at least one exception type to retry: call retryOn(...)");
            }
            return new RetryPolicy(this);
        }
    }
}
