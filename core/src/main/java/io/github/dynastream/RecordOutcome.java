package io.github.dynastream;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened to one record of a batch.
 *
 * @param record the record
 * @param status what happened
 * @param cause the failure, for {@link Status#FAILED} and {@link Status#DEAD_LETTERED}; else null
 * @param duration how long the record took (zero if not attempted)
 */
public record RecordOutcome(ChangeRecord record, Status status, Throwable cause, Duration duration) {
    public RecordOutcome {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
    }

    /** The states a record can end a batch in. */
    public enum Status {
        /** Every method that wanted it ran without error (or none wanted it). */
        SUCCEEDED,
        /** The idempotency store said it was completed before: no method ran. */
        SKIPPED_DUPLICATE,
        /**
         * A later change of the same item was applied before (the {@link LastAppliedStore} guard): no
         * method ran.
         */
        SKIPPED_OLDER,
        /** It failed; Lambda retries from the lowest failed record. */
        FAILED,
        /** It failed too often and was handed to the dead-letter sink; the shard moves on. */
        DEAD_LETTERED,
        /** It came after a failure in its chain and was not run. */
        NOT_ATTEMPTED;

        /** Whether Lambda may checkpoint past this record. */
        public boolean isDone() {
            return this == SUCCEEDED || this == SKIPPED_DUPLICATE || this == SKIPPED_OLDER || this == DEAD_LETTERED;
        }
    }
}
