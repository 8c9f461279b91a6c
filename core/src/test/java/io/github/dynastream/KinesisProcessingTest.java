package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Kinesis Data Streams for DynamoDB: a Kinesis record's base64 payload is DynamoDB's change record,
 * processed like a stream record, answered with Kinesis sequence numbers; a payload that is not a
 * change record fails its record, naming the sequence number and the field.
 */
class KinesisProcessingTest {
    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders-changes";

    private final List<ChangeRecord> seen = new ArrayList<>();
    private final StreamProcessor processor = StreamProcessor.builder()
            .handler(new Object() {
                @OnInsert
                @OnModify
                @OnRemove
                void record(ChangeRecord record) {
                    if (record.keys().get("id").equals(AttributeValue.s("poison"))) {
                        throw new IllegalStateException("poison");
                    }
                    seen.add(record);
                }
            })
            .logBatchSummary(false)
            .build();

    static String sequence(int n) {
        return "4965782840918770152001999524250839011995335832519258" + String.format("%04d", n);
    }

    static String payload(String eventId, String eventName, String id, String created) {
        return "{\"awsRegion\":\"eu-west-1\",\"eventID\":\"" + eventId + "\",\"eventName\":\"" + eventName
                + "\",\"userIdentity\":null,\"recordFormat\":\"application/json\",\"tableName\":\"Orders\","
                + "\"dynamodb\":{" + (created == null ? "" : created + ",") + "\"Keys\":{\"id\":{\"S\":\"" + id
                + "\"}},\"NewImage\":{\"id\":{\"S\":\"" + id + "\"},\"status\":{\"S\":\"NEW\"}},\"SizeBytes\":40},"
                + "\"eventSource\":\"aws:dynamodb\"}";
    }

    static String payload(String eventId, String id) {
        return payload(eventId, "INSERT", id, "\"ApproximateCreationDateTime\":1731924555370");
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String kinesisRecord(String sequenceNumber, String data) {
        return "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"P\",\"sequenceNumber\":\""
                + sequenceNumber + "\",\"data\":" + data + ",\"approximateArrivalTimestamp\":1731924555.932},"
                + "\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\",\"eventID\":\"shardId-000000000000:"
                + sequenceNumber + "\",\"eventName\":\"aws:kinesis:record\",\"awsRegion\":\"eu-west-1\","
                + "\"eventSourceARN\":\"" + ARN + "\"}";
    }

    static ByteArrayInputStream event(String... records) {
        return new ByteArrayInputStream(
                ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8));
    }

    private StreamsEventResponse process(String... records) {
        return processor.process(event(records));
    }

    private static List<String> identifiers(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toList());
    }

    @Test
    void readsTheChangeRecordInsideEachKinesisRecordWithTheKinesisSequenceNumber() {
        StreamsEventResponse response = process(
                kinesisRecord(sequence(1), "\"" + base64(payload("e-1", "o-1")) + "\""),
                kinesisRecord(sequence(2), "\"" + base64(payload("e-2", "o-2")) + "\""));

        assertThat(identifiers(response)).isEmpty();
        assertThat(seen).extracting(ChangeRecord::eventId).containsExactly("e-1", "e-2");
        ChangeRecord first = seen.get(0);
        assertThat(first.sequenceNumber()).isEqualTo(sequence(1));
        assertThat(first.eventName()).isEqualTo(EventName.INSERT);
        assertThat(first.tableName()).contains("Orders");
        assertThat(first.eventSourceArn()).contains(ARN);
        assertThat(first.eventSource()).contains("aws:dynamodb");
        assertThat(first.awsRegion()).contains("eu-west-1");
        assertThat(first.streamViewType()).isEmpty();
        assertThat(first.sizeBytes()).hasValue(40);
        assertThat(first.approximateCreationDateTime()).contains(Instant.ofEpochMilli(1_731_924_555_370L));
        assertThat(first.keys()).containsEntry("id", AttributeValue.s("o-1"));
        assertThat(first.newImage().orElseThrow()).containsEntry("status", AttributeValue.s("NEW"));
    }

    @Test
    void stopsAtTheFirstFailedRecordAndReportsExactlyItsKinesisSequenceNumber() {
        StreamsEventResponse response = process(
                kinesisRecord(sequence(1), "\"" + base64(payload("e-1", "o-1")) + "\""),
                kinesisRecord(sequence(2), "\"" + base64(payload("e-2", "poison")) + "\""),
                kinesisRecord(sequence(3), "\"" + base64(payload("e-3", "o-3")) + "\""));

        assertThat(identifiers(response)).containsExactly(sequence(2));
        assertThat(seen).extracting(ChangeRecord::eventId).containsExactly("e-1");
    }

    @Test
    void creationTimesKeepThePrecisionThePayloadNames() {
        process(
                kinesisRecord(
                        sequence(1),
                        "\""
                                + base64(payload(
                                        "e-1",
                                        "INSERT",
                                        "o-1",
                                        "\"ApproximateCreationDateTime\":1731924555370123,"
                                                + "\"ApproximateCreationDateTimePrecision\":\"MICROSECOND\""))
                                + "\""),
                kinesisRecord(
                        sequence(2),
                        "\""
                                + base64(payload(
                                        "e-2",
                                        "INSERT",
                                        "o-2",
                                        "\"ApproximateCreationDateTimePrecision\":\"MILLISECOND\","
                                                + "\"ApproximateCreationDateTime\":50000000000"))
                                + "\""),
                kinesisRecord(sequence(3), "\"" + base64(payload("e-3", "INSERT", "o-3", null)) + "\""));

        assertThat(seen.get(0).approximateCreationDateTime())
                .contains(Instant.ofEpochSecond(1_731_924_555L, 370_123_000L));
        // Named as milliseconds, a number that would read as seconds by its size is milliseconds.
        assertThat(seen.get(1).approximateCreationDateTime()).contains(Instant.ofEpochMilli(50_000_000_000L));
        assertThat(seen.get(2).approximateCreationDateTime()).isEmpty();
    }

    /** Each way a payload can be unreadable: the record before it runs, it and the rest are retried. */
    @Test
    void aPayloadThatIsNoChangeRecordFailsItsRecordNamingTheSequenceNumberAndTheField() {
        String ok = kinesisRecord(sequence(1), "\"" + base64(payload("e-1", "o-1")) + "\"");
        String later = kinesisRecord(sequence(3), "\"" + base64(payload("e-3", "o-3")) + "\"");
        String[][] cases = {
            {"\"not base64!\"", "kinesis.data is not valid base64"},
            {"\"" + base64("{\"eventID\": oops}") + "\"", "kinesis.data is not valid JSON: Unrecognized token"},
            {"\"" + base64("[1,2]") + "\"", "kinesis.data is an array once decoded, expected a DynamoDB change record"},
            {"\"" + base64("") + "\"", "kinesis.data is empty once decoded"},
            {"\"" + base64("{\"hello\":\"world\"}") + "\"", "kinesis.data has none of a DynamoDB change record's fields"
            },
            {
                "\"" + base64(payload("e-2", "UPSERT", "o-2", null)) + "\"",
                "kinesis.data.eventName is \"UPSERT\", which is not one of"
            },
            {
                "\"" + base64(payload("e-2", "o-2").replace("\"eventID\":\"e-2\",", "")) + "\"",
                "kinesis.data.eventID is missing"
            },
            {
                "\"" + base64(payload("e-2", "o-2").replace("aws:dynamodb", "aws:s3")) + "\"",
                "kinesis.data.eventSource is \"aws:s3\", expected \"aws:dynamodb\""
            },
            {"\"" + base64(payload("e-2", "o-2") + "{}") + "\"", "kinesis.data has content after the change record"},
            {
                "\""
                        + base64(
                                payload(
                                        "e-2",
                                        "INSERT",
                                        "o-2",
                                        "\"ApproximateCreationDateTime\":1,\"ApproximateCreationDateTimePrecision\":\"SECOND\""))
                        + "\"",
                "kinesis.data.dynamodb.ApproximateCreationDateTimePrecision is \"SECOND\""
            },
            {
                "\"" + base64(payload("e-2", "INSERT", "o-2", "\"ApproximateCreationDateTime\":\"soon\"")) + "\"",
                "kinesis.data.dynamodb.ApproximateCreationDateTime is not a number"
            },
            {
                "\"" + base64(payload("e-2", "INSERT", "o-2", "\"ApproximateCreationDateTime\":1e999999999")) + "\"",
                "kinesis.data.dynamodb.ApproximateCreationDateTime is not an instant"
            },
            {"null", "kinesis.data is missing"},
            {"{\"a\":1}", "kinesis.data is an object, expected a base64 string"},
        };
        for (String[] c : cases) {
            seen.clear();
            List<String> warnings = new ArrayList<>();
            StreamProcessor listening = StreamProcessor.builder()
                    .handler(new Object() {
                        @OnInsert
                        void inserted(ChangeRecord record) {
                            seen.add(record);
                        }
                    })
                    .logBatchSummary(false)
                    .build();

            StreamsEventResponse response = listening.process(event(ok, kinesisRecord(sequence(2), c[0]), later));

            assertThat(identifiers(response)).as(c[0]).containsExactly(sequence(2));
            assertThat(seen).as(c[0]).extracting(ChangeRecord::eventId).containsExactly("e-1");
            assertThat(warnings).isEmpty();
            assertThat(unreadableCause(listening, event(ok, kinesisRecord(sequence(2), c[0]), later)))
                    .as(c[0])
                    .startsWith("Record 1 (sequenceNumber=" + sequence(2))
                    .contains(c[1])
                    .doesNotContain("o-2");
        }
    }

    /** The cause the source gave for the record it could not read. */
    private static String unreadableCause(StreamProcessor processor, ByteArrayInputStream event) {
        return processor.read(event).unreadable().orElseThrow().cause().getMessage();
    }

    @Test
    void aHostilelyLargePayloadFailsItsRecordWithoutBeingDecoded() {
        String huge = "\"" + "A".repeat(2_000_000) + "\"";

        StreamsEventResponse response = process(kinesisRecord(sequence(1), huge));

        assertThat(identifiers(response)).containsExactly(sequence(1));
        assertThat(unreadableCause(processor, event(kinesisRecord(sequence(1), huge))))
                .isEqualTo("Record 0 (sequenceNumber=" + sequence(1) + "): kinesis.data is 2000000 characters of"
                        + " base64, more than the 1048576 bytes a DynamoDB change record can take (two 400 KB images"
                        + " and their metadata)");
    }

    @Test
    void aKinesisRecordTheResponseCouldNotNameFailsTheEvent() {
        String noSequence = kinesisRecord(sequence(1), "\"" + base64(payload("e-1", "o-1")) + "\"")
                .replace("\"sequenceNumber\":\"" + sequence(1) + "\",", "");

        assertThatThrownBy(() -> process(noSequence))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("Record 0 (eventID=shardId-000000000000:" + sequence(1)
                        + "): kinesis.sequenceNumber is missing, so a failure of this record could not be reported");
        assertThat(seen).isEmpty();
    }

    @Test
    void anEventMixingKinesisAndStreamRecordsIsRejected() {
        String kinesis = kinesisRecord(sequence(1), "\"" + base64(payload("e-1", "o-1")) + "\"");
        String stream = TestEvents.insert("o-2", 2, TestEvents.order("o-2", "NEW", "1"));

        assertThatThrownBy(() -> process(kinesis, stream))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining(
                        "Record 1 (eventID=e-2) is a DynamoDB stream record, but record 0 was a" + " Kinesis record");
        assertThatThrownBy(() -> process(kinesis.replace("\"aws:kinesis\"", "\"aws:sqs\"")))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining("eventSource is \"aws:sqs\", but the record has a \"kinesis\" object");
    }

    @Test
    void theRuntimesKinesisEventIsReadAsTheRawJsonIs() {
        KinesisEvent event =
                Fixtures.kinesisEvent(sequence(7), payload("e-7", "o-7").getBytes(StandardCharsets.UTF_8));

        StreamsEventResponse response = processor.process(event);

        assertThat(identifiers(response)).isEmpty();
        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo("e-7");
            assertThat(r.sequenceNumber()).isEqualTo(sequence(7));
        });
    }

    @Test
    void theRuntimesKinesisEventStopsAtAnUnreadableOrOversizedPayload() {
        KinesisEvent event =
                Fixtures.kinesisEvent(sequence(1), payload("e-1", "o-1").getBytes(StandardCharsets.UTF_8));
        KinesisEvent.KinesisEventRecord notJson = Fixtures.kinesisEvent(sequence(2), new byte[] {0, 1, 2})
                .getRecords()
                .get(0);
        byte[] oversized = new byte[(1 << 20) + 1];
        Arrays.fill(oversized, (byte) ' ');
        KinesisEvent.KinesisEventRecord tooLarge =
                Fixtures.kinesisEvent(sequence(3), oversized).getRecords().get(0);

        event.setRecords(List.of(event.getRecords().get(0), notJson, tooLarge));
        assertThat(identifiers(processor.process(event))).containsExactly(sequence(2));

        seen.clear();
        event.setRecords(List.of(event.getRecords().get(0), tooLarge));
        assertThat(identifiers(processor.process(event))).containsExactly(sequence(3));
        assertThat(seen).hasSize(1);

        tooLarge.getKinesis().setData(ByteBuffer.wrap(new byte[0]));
        tooLarge.getKinesis().setSequenceNumber(null);
        assertThatThrownBy(() -> processor.process(event))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining("kinesis.sequenceNumber is missing");
    }
}
