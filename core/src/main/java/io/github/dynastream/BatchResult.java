package io.github.dynastream;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.source.StreamsEventResponses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one batch: an outcome per record, in batch order, and the response Lambda gets.
 *
 * <pre>{@code
 * BatchResult result = processor.processRecords(records);
 * result.failure().ifPresent(f -> log.warn("stopped at {}", f.record().sequenceNumber(), f.cause()));
 * return result.toResponse();
 * }</pre>
 *
 * @param outcomes one per record, in batch order
 * @param duration how long the batch took
 */
public record BatchResult(List<RecordOutcome> outcomes, Duration duration) {

    public BatchResult {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether no record failed. */
    public boolean isSuccess() {
        return failure().isEmpty();
    }

    /**
     * The first failed record in batch order, with its cause: the one whose sequence number goes to
     * Lambda. (In parallel mode other partition keys may have failed later in the batch; see {@link
     * #outcomes()}.)
     */
    public Optional<RecordFailure> failure() {
        for (RecordOutcome outcome : outcomes) {
            if (outcome.status() == RecordOutcome.Status.FAILED) {
                return Optional.of(new RecordFailure(outcome.record(), outcome.cause()));
            }
        }
        return Optional.empty();
    }

    /** Records with the given status, in batch order. */
    public List<ChangeRecord> records(RecordOutcome.Status status) {
        List<ChangeRecord> records = new ArrayList<>();
        for (RecordOutcome outcome : outcomes) {
            if (outcome.status() == status) {
                records.add(outcome.record());
            }
        }
        return records;
    }

    /** Records all of whose methods ran without error, in batch order. */
    public List<ChangeRecord> succeeded() {
        return records(RecordOutcome.Status.SUCCEEDED);
    }

    /** Records not run because an earlier record of their chain failed. */
    public List<ChangeRecord> notAttempted() {
        return records(RecordOutcome.Status.NOT_ATTEMPTED);
    }

    /**
     * The records Lambda may checkpoint past: every record before the first failure (all of them if
     * none failed).
     */
    public List<ChangeRecord> completedPrefix() {
        List<ChangeRecord> prefix = new ArrayList<>();
        for (RecordOutcome outcome : outcomes) {
            if (!outcome.status().isDone()) {
                break;
            }
            prefix.add(outcome.record());
        }
        return prefix;
    }

    /**
     * The partial batch response Lambda's event source mapping expects: empty on success, otherwise
     * exactly the first failed record's sequence number, so Lambda checkpoints before it and retries
     * from it. Requires {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the mapping.
     */
    public StreamsEventResponse toResponse() {
        return StreamsEventResponses.of(this);
    }

    /**
     * The record a batch stopped at.
     *
     * @param record the record
     * @param cause what the handler threw, or the mapping, image or idempotency problem
     */
    public record RecordFailure(ChangeRecord record, Throwable cause) {
        public RecordFailure {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
