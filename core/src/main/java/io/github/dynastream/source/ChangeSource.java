package io.github.dynastream.source;

import io.github.dynastream.ChangeRecord;

/**
 * The first step of the flow: one input shape (event bytes, a deserialized Lambda event, a page of
 * Streams API records) turned into {@link ChangeRecord}s, in stream order. Nothing after this step
 * knows which shape the records came in; each shape has exactly one adapter, and a {@link
 * ResponseAdapter} that answers in the same shape's terms.
 *
 * <pre>{@code
 * SourceBatch batch = DynamodbEventSource.create(32).read(event);
 * BatchResult result = processor.processRecords(batch.records());
 * StreamsEventResponse response = StreamsEventResponses.INSTANCE.toResponse(batch, result);
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @param <I> the input shape
 */
@FunctionalInterface
public interface ChangeSource<I> {
    /**
     * Reads one batch.
     *
     * @throws io.github.dynastream.MalformedEventException if the input as a whole, or a record the
     *     response could not name, is unreadable; a record the response can name but whose contents
     *     are unreadable ends the batch instead ({@link SourceBatch#unreadable()})
     */
    SourceBatch read(I input);
}
