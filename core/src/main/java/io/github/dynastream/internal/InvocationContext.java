package io.github.dynastream.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One call of {@code process(...)}: who owns idempotency leases taken in it, when they expire, and
 * when the Lambda invocation must be done (if known).
 *
 * @param owner a value unique to this invocation (the Lambda request id when known)
 * @param leaseUntil when leases taken now expire
 * @param deadline when the invocation times out, or null if unknown
 * @param clock the processor's clock
 */
public record InvocationContext(String owner, Instant leaseUntil, Instant deadline, Clock clock) {

    /** The time left until the deadline; a very long time if there is none. */
    public Duration remaining() {
        return deadline == null ? Duration.ofDays(1) : Duration.between(clock.instant(), deadline);
    }
}
