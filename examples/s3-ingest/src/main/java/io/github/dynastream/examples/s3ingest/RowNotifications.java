package io.github.dynastream.examples.s3ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.OnInsert;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.StreamProcessor;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The next step after the ingest: one notification for each new row of the table. The table's
 * stream carries new images ({@code NEW_IMAGE}); an {@code INSERT} is a row written for the first
 * time. Rewriting a file writes the same items again, and DynamoDB writes no stream record for a
 * write that changes nothing, so a retried ingest notifies no one twice. A row rewritten with other
 * values is a {@code MODIFY}, which this handler leaves alone.
 *
 * <pre>{@code
 * StreamProcessor processor = RowNotifications.processor(new InMemoryNotifier(), IdempotencyStore.inMemory());
 * }</pre>
 */
public final class RowNotifications {
    // Plain notation for numbers (1000, not 1E+3): the stream may carry either, consumers want one.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final Notifier notifier;

    /** @param notifier where notifications go */
    public RowNotifications(Notifier notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /**
     * The stream processor of the notification function. A failed notification fails its record, and
     * Lambda retries from it; the idempotency store skips the records a whole batch brings again (after
     * a timeout, say) that were already announced.
     *
     * @param notifier where notifications go
     * @param idempotency the records already handled ({@link IdempotencyStore#inMemory()} per execution
     *     environment; a DynamoDB-backed store across them)
     */
    public static StreamProcessor processor(Notifier notifier, IdempotencyStore idempotency) {
        return StreamProcessor.builder()
                .handler(new RowNotifications(notifier))
                .idempotency(idempotency)
                .build();
    }

    /**
     * The same processor, reporting each record's outcome to the listener (metrics, tests, the demo).
     *
     * @param notifier where notifications go
     * @param idempotency the records already handled
     * @param listener receives every record outcome and batch summary
     */
    public static StreamProcessor processor(
            Notifier notifier, IdempotencyStore idempotency, ProcessingListener listener) {
        return StreamProcessor.builder()
                .handler(new RowNotifications(notifier))
                .idempotency(idempotency)
                .listener(listener)
                .build();
    }

    @OnInsert
    void rowIngested(IngestedRow row) {
        String message;
        try {
            message = JSON.writeValueAsString(JSON.createObjectNode()
                    .put("file", row.file())
                    .put("line", row.line())
                    .put("name", row.name())
                    .put("date", row.date().toString())
                    .put("value", row.value()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        notifier.send(new Notification(row.file(), row.line(), message));
    }
}
