package io.github.dynastream;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one batch: the records that succeeded, the record that failed (if any) and the
 * records after it, which were not attempted.
 *
 * <pre>{@code
 * BatchResult result = processor.processRecords(records);
 * result.failure().ifPresent(f -> log.warn("stopped at {}", f.record().sequenceNumber(), f.cause()));
 * return result.toResponse();
 * }</pre>
 *
 * @param succeeded records handled without error, in order (including records no method wanted)
 * @param failure the record processing stopped at, with its cause
 * @param notAttempted records after the failed one, in order; Lambda redelivers them
 */
public record BatchResult(
        List<ChangeRecord> succeeded, Optional<RecordFailure> failure, List<ChangeRecord> notAttempted) {

    public BatchResult {
        succeeded = List.copyOf(succeeded);
        failure = Objects.requireNonNull(failure, "failure");
        notAttempted = List.copyOf(notAttempted);
    }

    /** Whether every record succeeded. */
    public boolean isSuccess() {
        return failure.isEmpty();
    }

    /**
     * The partial batch response Lambda's event source mapping expects: empty on success, otherwise
     * exactly the failed record's sequence number, so Lambda checkpoints before it and retries from
     * it. Requires {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the mapping.
     */
    public StreamsEventResponse toResponse() {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>(1);
        failure.ifPresent(f -> failures.add(
                new StreamsEventResponse.BatchItemFailure(f.record().sequenceNumber())));
        return new StreamsEventResponse(failures);
    }

    /**
     * The record a batch stopped at.
     *
     * @param record the record
     * @param cause what the handler threw, or the mapping or image problem ({@link DynastreamException})
     */
    public record RecordFailure(ChangeRecord record, Throwable cause) {
        public RecordFailure {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
