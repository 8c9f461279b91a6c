package io.github.dynastream.internal;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.DeadLetter;
import io.github.dynastream.DeadLetterSink;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.LastAppliedStore;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.RetryPolicy;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs one record through the idempotency gate (and the per-item order guard), the dispatcher (with
 * retries) and the dead-letter policy, and says what happened. Immutable; safe to use from several
 * threads.
 */
final class RecordRunner {
    private final Dispatcher dispatcher;
    private final IdempotencyStore store;
    private final Function<ChangeRecord, String> idempotencyKey;
    private final LastAppliedStore lastApplied;
    private final RetryPolicy retryPolicy;
    private final int deadLetterAfter;
    private final DeadLetterSink deadLetterSink;

    RecordRunner(Dispatcher dispatcher, RunOptions options) {
        this.dispatcher = dispatcher;
        this.store = options.idempotency();
        this.idempotencyKey = options.idempotencyKey();
        this.lastApplied = options.lastApplied();
        this.retryPolicy = options.retry();
        this.deadLetterAfter = options.deadLetterAfter();
        this.deadLetterSink = options.deadLetterSink();
    }

    /**
     * Whether the guard knows a later change of this record's item was applied. A record without a
     * creation time cannot be placed, so it runs; on equal times it runs too (see {@link
     * io.github.dynastream.StreamProcessor.Builder#skipOlderChanges}).
     */
    private boolean isOlderThanApplied(ChangeRecord record) {
        if (lastApplied == null) {
            return false;
        }
        Instant created = record.approximateCreationDateTime().orElse(null);
        if (created == null) {
            return false;
        }
        Optional<Instant> last = lastApplied.lastApplied(ItemKeys.of(record));
        return last.isPresent() && created.isBefore(last.get());
    }

    private void markApplied(ChangeRecord record) {
        if (lastApplied != null) {
            record.approximateCreationDateTime()
                    .ifPresent(created -> lastApplied.recordApplied(ItemKeys.of(record), created));
        }
    }

    boolean usesIdempotency() {
        return store != null;
    }

    String key(ChangeRecord record) {
        String key = idempotencyKey.apply(record);
        if (key == null || key.isEmpty()) {
            throw new IllegalStateException("the idempotency key function returned [" + key + "] for record eventID="
                    + record.eventId() + ", sequenceNumber=" + record.sequenceNumber());
        }
        return key;
    }

    Set<String> storeCompletedAmong(List<String> keys) {
        return store.completedAmong(keys);
    }

    /** A method call for this invocation: retried per the policy while the deadline allows. */
    Dispatcher.MethodCall methodCall(InvocationContext invocation) {
        if (retryPolicy == null || retryPolicy.maxAttempts() == 1) {
            return Dispatcher.DIRECT;
        }
        Duration longestWait = retryPolicy.maxBackoff().plus(retryPolicy.safetyMargin());
        Retry retry = Retry.of(
                "dynastream",
                RetryConfig.custom()
                        .maxAttempts(retryPolicy.maxAttempts())
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(
                                retryPolicy.initialBackoff(), retryPolicy.multiplier(), retryPolicy.maxBackoff()))
                        .retryOnException(error -> retryPolicy.isRetryable(error)
                                && invocation.remaining().compareTo(longestWait) > 0)
                        .failAfterMaxAttempts(false)
                        .build());
        return (method, record, items) -> Retry.decorateCheckedRunnable(retry, () -> method.invoke(record, items))
                .run();
    }

    RecordOutcome run(
            ChangeRecord record, InvocationContext invocation, Dispatcher.MethodCall call, Set<String> completed) {
        long start = System.nanoTime();
        RecordOutcome.Status status;
        Throwable cause = null;
        try {
            if (store == null) {
                if (isOlderThanApplied(record)) {
                    status = RecordOutcome.Status.SKIPPED_OLDER;
                } else {
                    dispatcher.dispatch(record, call);
                    markApplied(record);
                    status = RecordOutcome.Status.SUCCEEDED;
                }
            } else {
                String key = key(record);
                if (completed.contains(key)) {
                    status = RecordOutcome.Status.SKIPPED_DUPLICATE;
                } else if (isOlderThanApplied(record)) {
                    status = RecordOutcome.Status.SKIPPED_OLDER;
                } else {
                    IdempotencyStore.Acquisition acquisition =
                            store.acquire(key, invocation.owner(), invocation.leaseUntil());
                    switch (acquisition.state()) {
                        case ALREADY_COMPLETED -> status = RecordOutcome.Status.SKIPPED_DUPLICATE;
                        case HELD_ELSEWHERE -> {
                            status = RecordOutcome.Status.FAILED;
                            cause = ApiExceptions.get()
                                    .recordInProgress(
                                            record.eventId(), record.sequenceNumber(), acquisition.leaseExpiresAt());
                        }
                        default -> {
                            Throwable failure = runLeased(record, call, key, invocation, acquisition);
                            if (failure == null) {
                                status = RecordOutcome.Status.SUCCEEDED;
                            } else if (failure instanceof DeadLettered dead) {
                                status = RecordOutcome.Status.DEAD_LETTERED;
                                cause = dead.getCause();
                            } else {
                                status = RecordOutcome.Status.FAILED;
                                cause = failure;
                            }
                        }
                    }
                }
            }
        } catch (Error e) {
            throw e;
        } catch (Throwable failure) {
            status = RecordOutcome.Status.FAILED;
            cause = failure;
        }
        return new RecordOutcome(record, status, cause, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Runs a record whose lease this invocation holds; null on success. */
    private Throwable runLeased(
            ChangeRecord record,
            Dispatcher.MethodCall call,
            String key,
            InvocationContext invocation,
            IdempotencyStore.Acquisition acquisition)
            throws Throwable {
        try {
            dispatcher.dispatch(record, call);
        } catch (Error e) {
            throw e;
        } catch (Throwable failure) {
            int deliveries = acquisition.previousFailures() + 1;
            if (deadLetterSink != null && deliveries >= deadLetterAfter) {
                try {
                    deadLetterSink.accept(new DeadLetter(record, failure, deliveries));
                } catch (RuntimeException sinkFailure) {
                    sinkFailure.addSuppressed(failure);
                    releaseQuietly(key, invocation, sinkFailure);
                    return sinkFailure;
                }
                store.complete(key, invocation.owner());
                return new DeadLettered(failure);
            }
            releaseQuietly(key, invocation, failure);
            return failure;
        }
        try {
            markApplied(record);
        } catch (RuntimeException guardFailure) {
            // The handlers ran, but without the mark an older change could follow: run it again.
            releaseQuietly(key, invocation, guardFailure);
            return guardFailure;
        }
        store.complete(key, invocation.owner());
        return null;
    }

    private void releaseQuietly(String key, InvocationContext invocation, Throwable failure) {
        try {
            store.release(key, invocation.owner());
        } catch (RuntimeException releaseFailure) {
            // The lease then expires on its own; the record's own failure is what gets reported.
            failure.addSuppressed(releaseFailure);
        }
    }

    /** Marks a failure that was dead-lettered; never escapes this class. */
    private static final class DeadLettered extends Exception {
        private static final long serialVersionUID = 1L;

        DeadLettered(Throwable cause) {
            super(cause);
        }
    }
}
