package io.github.dynastream.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * What Lambda sends to an event source mapping's on-failure destination when it discards records of
 * a DynamoDB stream: metadata about the batch, not the records themselves (see "Retain discarded
 * records for a DynamoDB event source in Lambda",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
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
        int batchSize) {

    /** Lambda's condition when MaximumRetryAttempts ran out. */
    public static final String RETRY_ATTEMPTS_EXHAUSTED = "RetryAttemptsExhausted";

    /** Lambda's condition when records passed MaximumRecordAgeInSeconds (or the stream's retention). */
    public static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    private static final JsonFactory JSON = new JsonFactory();

    public FailureDestinationRecord {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The JSON document Lambda sends to the destination (an SQS message body, an SNS message). */
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
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
