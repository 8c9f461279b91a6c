package io.github.dynastream.enhanced;

import io.github.dynastream.BatchResult;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.UserIdentity;
import io.github.dynastream.source.RecordChecks;
import io.github.dynastream.source.ResponseAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * The source adapter for records fetched through the DynamoDB Streams API ({@code GetRecords}, or the Kinesis Client
 * Library's DynamoDB Streams adapter) so a {@link io.github.dynastream.StreamProcessor} can process
 * them, and turns its result into a checkpoint.
 *
 * <pre>{@code
 * List<ChangeRecord> records = StreamsApiRecords.toChangeRecords(response.records(), streamArn);
 * BatchResult result = processor.processRecords(records);
 * StreamsApiRecords.Checkpoint checkpoint = StreamsApiRecords.checkpoint(result);
 * // resume with AT_SEQUENCE_NUMBER checkpoint.retryFrom(), or AFTER_SEQUENCE_NUMBER checkpoint.processedThrough()
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class StreamsApiRecords {
    private StreamsApiRecords() {}

    /**
     * Converts one page of records, in order. Images are converted when a handler reads them.
     *
     * @param streamArn the stream the records came from (the API's records do not carry it); may be
     *     null
     * @throws MalformedEventException if a record lacks its eventID, event name or sequence number, or
     *     names an unknown event name or view type ({@link RecordChecks#streamRecord}, as every
     *     source checks them)
     */
    public static List<ChangeRecord> toChangeRecords(List<Record> records, String streamArn) {
        Objects.requireNonNull(records, "records");
        List<ChangeRecord> out = new ArrayList<>(records.size());
        for (Record record : records) {
            out.add(toChangeRecord(record, streamArn, out.size()));
        }
        return out;
    }

    private static ChangeRecord toChangeRecord(Record r, String streamArn, int index) {
        StreamRecord s = r.dynamodb();
        RecordChecks.Checked checked = RecordChecks.streamRecord(
                index,
                s != null,
                r.eventID(),
                r.eventNameAsString(),
                s == null ? null : s.sequenceNumber(),
                s == null ? null : s.streamViewTypeAsString());
        Identity identity = r.userIdentity();
        ChangeRecord.Builder builder = ChangeRecord.builder()
                .eventId(r.eventID())
                .eventName(checked.eventName())
                .sequenceNumber(s.sequenceNumber())
                .eventVersion(r.eventVersion())
                .eventSource(r.eventSource())
                .awsRegion(r.awsRegion())
                .eventSourceArn(streamArn)
                .sizeBytes(s.sizeBytes())
                .streamViewType(checked.streamViewType())
                .approximateCreationDateTime(s.approximateCreationDateTime())
                .userIdentity(identity == null ? null : new UserIdentity(identity.type(), identity.principalId()))
                .keys(s.hasKeys() ? SdkAttributeValues.fromSdk(s.keys()) : Map.of());
        if (s.hasOldImage()) {
            builder.oldImage(SdkAttributeValues.fromSdk(s.oldImage()));
        }
        if (s.hasNewImage()) {
            builder.newImage(SdkAttributeValues.fromSdk(s.newImage()));
        }
        return builder.build();
    }

    /**
     * Where a consumer of the Streams API continues after processing a page: with an {@code
     * AT_SEQUENCE_NUMBER} iterator at {@link #retryFrom()} when a record failed, otherwise with an
     * {@code AFTER_SEQUENCE_NUMBER} iterator after {@link #processedThrough()}.
     *
     * @param processedThrough the last record processed without failure, if any
     * @param retryFrom the record that failed, to be delivered again, if any
     */
    public record Checkpoint(Optional<String> processedThrough, Optional<String> retryFrom) {
        public Checkpoint {
            Objects.requireNonNull(processedThrough, "processedThrough");
            Objects.requireNonNull(retryFrom, "retryFrom");
        }
    }

    /**
     * The response adapter of the Streams API and of KCL workers ({@code dynastream-kcl}): a processed
     * page answered as the checkpoint it leads to. A record the source could not read, if no record
     * failed before it, is where to retry from.
     *
     * <pre>{@code
     * Checkpoint checkpoint = StreamsApiRecords.CHECKPOINTS.toResponse(batch, processor.processRecords(batch.records()));
     * }</pre>
     */
    public static final ResponseAdapter<Checkpoint> CHECKPOINTS = (batch, result) -> {
        Checkpoint checkpoint = checkpoint(result);
        if (checkpoint.retryFrom().isEmpty() && batch.unreadable().isPresent()) {
            return new Checkpoint(
                    checkpoint.processedThrough(),
                    Optional.of(batch.unreadable().get().identifier()));
        }
        return checkpoint;
    };

    /** The checkpoint a processed page leads to. */
    public static Checkpoint checkpoint(BatchResult result) {
        Objects.requireNonNull(result, "result");
        List<ChangeRecord> done = result.completedPrefix();
        Optional<String> through = done.isEmpty()
                ? Optional.empty()
                : Optional.of(done.get(done.size() - 1).sequenceNumber());
        return new Checkpoint(through, result.failure().map(f -> f.record().sequenceNumber()));
    }
}
