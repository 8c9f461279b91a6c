package io.github.dynastream;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts and timings of one processed batch, for metrics and the per-batch log line.
 *
 * @param records records in the batch
 * @param succeeded records all of whose methods ran without error
 * @param skippedDuplicates records the idempotency store had seen completed
 * @param failed records that failed (in parallel mode, possibly one per partition key)
 * @param deadLettered records handed to the dead-letter sink
 * @param notAttempted records after a failure, not run
 * @param duration how long the batch took
 * @param iteratorAge how old the batch's last record was when processing ended (Lambda's IteratorAge),
 *     if it carried a creation time
 * @param failedSequenceNumber the sequence number reported to Lambda, if any
 * @param skippedOlder records skipped because a later change of their item was applied before
 */
public record BatchSummary(
        int records,
        int succeeded,
        int skippedDuplicates,
        int failed,
        int deadLettered,
        int notAttempted,
        Duration duration,
        Optional<Duration> iteratorAge,
        Optional<String> failedSequenceNumber,
        int skippedOlder) {
    public BatchSummary {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(iteratorAge, "iteratorAge");
        Objects.requireNonNull(failedSequenceNumber, "failedSequenceNumber");
    }

    /** A summary without the per-item order guard ({@code skippedOlder} 0), as before it existed. */
    public BatchSummary(
            int records,
            int succeeded,
            int skippedDuplicates,
            int failed,
            int deadLettered,
            int notAttempted,
            Duration duration,
            Optional<Duration> iteratorAge,
            Optional<String> failedSequenceNumber) {
        this(
                records,
                succeeded,
                skippedDuplicates,
                failed,
                deadLettered,
                notAttempted,
                duration,
                iteratorAge,
                failedSequenceNumber,
                0);
    }
}
