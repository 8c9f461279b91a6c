package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of the function by the {@link EventSourceMappingSimulator}: the batch it was given and
 * what the event source mapping made of the result.
 *
 * @param number 1 for the first invocation of the simulation, then counting up
 * @param at the simulated time of the call
 * @param batch the records, in stream order
 * @param payloadBytes the size of the event JSON the function received, at most 6 MB
 * @param retryAttempt 0 for the first attempt at these records, then the retries consumed so far
 * @param outcome how the mapping judged the result
 * @param response what the function returned, if it returned
 * @param error what the function threw, if it threw
 * @param checkpoint for {@link Outcome#PARTIAL_FAILURE}: the sequence number Lambda retries from
 * @param reason for {@link Outcome#INVALID_RESPONSE}: why the response was not accepted
 * @param lane which of the shard's {@code ParallelizationFactor} concurrent batch streams ran it,
 *     from 0; always 0 with the default factor of 1. An item's changes always run on one lane
 */
public record Invocation(
        int number,
        Instant at,
        List<ChangeRecord> batch,
        long payloadBytes,
        int retryAttempt,
        Outcome outcome,
        StreamsEventResponse response,
        Throwable error,
        String checkpoint,
        String reason,
        int lane) {

    public Invocation {
        Objects.requireNonNull(at, "at");
        batch = List.copyOf(batch);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** What the event source mapping made of one invocation's result. */
    public enum Outcome {
        /** The batch succeeded: an empty or null response, or no failures reported. */
        SUCCEEDED,
        /** The function reported failed items; Lambda checkpoints before the lowest and retries from it. */
        PARTIAL_FAILURE,
        /** The response named an empty, null or unknown identifier: the whole batch is retried. */
        INVALID_RESPONSE,
        /** The function threw: the whole batch is retried (or bisected). */
        FUNCTION_ERROR
    }

    /** What the function threw, if anything. */
    public Optional<Throwable> thrown() {
        return Optional.ofNullable(error);
    }

    /** The sequence numbers of the batch, in order. */
    public List<String> sequenceNumbers() {
        return batch.stream().map(ChangeRecord::sequenceNumber).toList();
    }

    @Override
    public String toString() {
        return "Invocation#" + number + "[" + batch.size() + " record(s) "
                + (batch.isEmpty()
                        ? ""
                        : batch.get(0).sequenceNumber() + ".."
                                + batch.get(batch.size() - 1).sequenceNumber())
                + ", retry " + retryAttempt + (lane != 0 ? ", lane " + lane : "") + ", " + outcome
                + (checkpoint != null ? " at " + checkpoint : "")
                + (reason != null ? " (" + reason + ")" : "")
                + (error != null ? " " + error : "") + "]";
    }
}
