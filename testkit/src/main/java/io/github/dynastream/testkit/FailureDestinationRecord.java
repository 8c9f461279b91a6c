package io.github.dynastream.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.ChangeRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What Lambda sends to an event source mapping's on-failure destination when it discards records of
 * a DynamoDB stream: metadata about the batch and, for an S3 destination only, the batch itself
 * ("Each record sent to the destination is a JSON document containing metadata about the failed
 * invocation. For Amazon S3 destinations, Lambda also sends the entire invocation record along with
 * the metadata", https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html). With a
 * parallelization factor above 1 a discarded batch holds some items' records only, so the range from
 * {@code startSequenceNumber} to {@code endSequenceNumber} may also cover records of other items
 * that were not discarded: read {@link Simulation#discardedRecords()} for the records themselves.
 *
 * <p>Immutable.
 *
 * @param condition {@code RetryAttemptsExhausted} or {@code RecordAgeExceeded}
 * @param approximateInvokeCount how often the discarded records were sent to the function
 * @param timestamp when the records were discarded (simulated time)
 * @param functionArn the function's ARN
 * @param shardId the shard
 * @param streamArn the stream
 * @param startSequenceNumber the first discarded record
 * @param endSequenceNumber the last discarded record
 * @param approximateArrivalOfFirstRecord the first record's creation time
 * @param approximateArrivalOfLastRecord the last record's creation time
 * @param batchSize how many records were discarded
 * @param destinationType the kind of destination that received it
 * @param payload for an S3 destination, the discarded records in stream order; empty otherwise
 */
public record FailureDestinationRecord(
        String condition,
        int approximateInvokeCount,
        Instant timestamp,
        String functionArn,
        String shardId,
        String streamArn,
        String startSequenceNumber,
        String endSequenceNumber,
        Instant approximateArrivalOfFirstRecord,
        Instant approximateArrivalOfLastRecord,
        int batchSize,
        DestinationType destinationType,
        List<ChangeRecord> payload) {

    /** Lambda's condition when MaximumRetryAttempts ran out. */
    public static final String RETRY_ATTEMPTS_EXHAUSTED = "RetryAttemptsExhausted";

    /** Lambda's condition when records passed MaximumRecordAgeInSeconds (or the stream's retention). */
    public static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    private static final JsonFactory JSON = new JsonFactory();

    public FailureDestinationRecord {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(destinationType, "destinationType");
        payload = List.copyOf(payload);
        if (destinationType != DestinationType.S3 && !payload.isEmpty()) {
            throw new IllegalArgumentException("only an S3 destination receives the payload, but the destination is "
                    + destinationType + " and got " + payload.size() + " record(s)");
        }
    }

    /** Whether the destination received the discarded records too, as an S3 destination does. */
    public boolean hasPayload() {
        return !payload.isEmpty();
    }

    /**
     * The JSON document Lambda sends to the destination (an SQS message body, an SNS message, an S3
     * object). For S3 it also holds the discarded batch under {@code payload}, as the event JSON the
     * function was given ({@code {"Records": [...]}}). The pages say the S3 object holds "the entire
     * invocation record" but show no example of a DynamoDB one; the field's name and form are not
     * documented — our choice, so that the batch can be read back as an event.
     */
    public String toJson() {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeObjectFieldStart("requestContext");
            out.writeStringField(
                    "requestId",
                    UUID.nameUUIDFromBytes((shardId + startSequenceNumber + timestamp).getBytes(StandardCharsets.UTF_8))
                            .toString());
            out.writeStringField("functionArn", functionArn);
            out.writeStringField("condition", condition);
            out.writeNumberField("approximateInvokeCount", approximateInvokeCount);
            out.writeEndObject();
            out.writeObjectFieldStart("responseContext");
            out.writeNumberField("statusCode", 200);
            out.writeStringField("executedVersion", "$LATEST");
            out.writeStringField("functionError", "Unhandled");
            out.writeEndObject();
            out.writeStringField("version", "1.0");
            out.writeStringField(
                    "timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
            out.writeObjectFieldStart("DDBStreamBatchInfo");
            out.writeStringField("shardId", shardId);
            out.writeStringField("startSequenceNumber", startSequenceNumber);
            out.writeStringField("endSequenceNumber", endSequenceNumber);
            out.writeStringField("approximateArrivalOfFirstRecord", String.valueOf(approximateArrivalOfFirstRecord));
            out.writeStringField("approximateArrivalOfLastRecord", String.valueOf(approximateArrivalOfLastRecord));
            out.writeNumberField("batchSize", batchSize);
            out.writeStringField("streamArn", streamArn);
            out.writeEndObject();
            if (hasPayload()) {
                out.writeFieldName("payload");
                out.writeRawValue(new String(LambdaEvents.toJson(payload), StandardCharsets.UTF_8));
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
