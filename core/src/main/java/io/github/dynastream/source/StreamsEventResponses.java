package io.github.dynastream.source;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.BatchResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The response adapter for Lambda's stream event sources (DynamoDB Streams and Kinesis Data Streams,
 * whose event source mappings both take a {@link StreamsEventResponse}): empty when every record
 * completed, otherwise exactly one {@code itemIdentifier}, the sequence number of the first record
 * that did not, so Lambda checkpoints before it and retries from it. On Kinesis the record's {@link
 * io.github.dynastream.ChangeRecord#sequenceNumber()} is the Kinesis sequence number, the identifier
 * Lambda expects there.
 *
 * <pre>{@code
 * StreamsEventResponse response = StreamsEventResponses.INSTANCE.toResponse(batch, result);
 * }</pre>
 *
 * <p>Requires {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the mapping. Stateless and
 * thread-safe.
 */
public final class StreamsEventResponses implements ResponseAdapter<StreamsEventResponse> {
    /** The one instance. */
    public static final StreamsEventResponses INSTANCE = new StreamsEventResponses();

    private StreamsEventResponses() {}

    @Override
    public StreamsEventResponse toResponse(SourceBatch batch, BatchResult result) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(result, "result");
        if (result.failure().isPresent() || batch.unreadable().isEmpty()) {
            return of(result);
        }
        return response(batch.unreadable().get().identifier());
    }

    /** The response for a batch whose records were all read: the first failed record's sequence number. */
    public static StreamsEventResponse of(BatchResult result) {
        return response(result.failure().map(f -> f.record().sequenceNumber()).orElse(null));
    }

    private static StreamsEventResponse response(String identifier) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>(1);
        if (identifier != null) {
            failures.add(new StreamsEventResponse.BatchItemFailure(identifier));
        }
        return new StreamsEventResponse(failures);
    }

    /**
     * Writes the response as Lambda reads it, {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}};
     * does not close the stream.
     *
     * @throws UncheckedIOException if writing fails
     */
    public static void writeJson(StreamsEventResponse response, OutputStream out, JsonFactory factory) {
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", failure.getItemIdentifier());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the response failed", e);
        }
    }
}
