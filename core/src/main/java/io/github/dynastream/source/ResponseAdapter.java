package io.github.dynastream.source;

import io.github.dynastream.BatchResult;

/**
 * The last step of the flow: what happened to a batch, told in the terms of the source it came
 * from (Lambda's partial batch response, its tumbling-window response, a checkpoint of a Kinesis
 * Client Library worker). It names the first record that did not complete, so the source delivers
 * that record and everything after it again.
 *
 * <pre>{@code
 * StreamsEventResponse response = StreamsEventResponses.INSTANCE.toResponse(batch, processor.processRecords(batch.records()));
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @param <R> the response type
 */
@FunctionalInterface
public interface ResponseAdapter<R> {
    /**
     * The response for a batch.
     *
     * @param batch what the source read, including a record it could not read, if any
     * @param result what processing {@link SourceBatch#records()} did
     */
    R toResponse(SourceBatch batch, BatchResult result);
}
