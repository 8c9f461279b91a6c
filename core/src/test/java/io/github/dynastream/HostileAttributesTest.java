package io.github.dynastream;

import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.json;
import static io.github.dynastream.TestEvents.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attribute values no DynamoDB stream holds, huge values and batches, and names with control
 * characters, through both entry points: each record is processed or fails on its own with an
 * exception naming the attribute and never its value, nothing is lost, and every run is bounded.
 */
class HostileAttributesTest {
    private static final String SECRET = "s3cr3t";

    private final List<Object> handled = new ArrayList<>();
    private final List<RecordOutcome> outcomes = new ArrayList<>();
    private final StreamProcessor reader = processor(true);
    private final StreamProcessor ignorer = processor(false);

    /** A processor whose handler maps the NewImage (or only takes the record, leaving images unread). */
    private StreamProcessor processor(boolean readsImage) {
        Object handler = readsImage
                ? new Object() {
                    @OnInsert
                    void on(Map<String, Object> item) {
                        handled.add(item);
                    }
                }
                : new Object() {
                    @OnInsert
                    void on(ChangeRecord record) {
                        handled.add(record.eventId());
                    }
                };
        return StreamProcessor.builder()
                .handler(handler)
                .listener(ProcessingListener.onRecords(outcomes::add))
                .logBatchSummary(false)
                .build();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Both entry points, on the same bytes. */
    private List<StreamsEventResponse> both(StreamProcessor processor, byte[] event) {
        StreamsEventResponse raw = processor.process(new ByteArrayInputStream(event));
        DynamodbEvent deserialized = Fixtures.viaRuntimeSerializer(event);
        StreamsEventResponse converted = processor.process(deserialized);
        return List.of(raw, converted);
    }

    /** Attribute values of every type, wrong or malformed, each as the record's only non-key attribute. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"S\":1}",
                "{\"S\":[\"" + SECRET + "\"]}",
                "{\"N\":true}",
                "{\"N\":\"" + SECRET + "\"}",
                "{\"N\":\"1e99999999\"}",
                "{\"B\":\"***" + SECRET + "\"}",
                "{\"B\":7}",
                "{\"BOOL\":\"" + SECRET + "\"}",
                "{\"NULL\":\"" + SECRET + "\"}",
                "{\"M\":[\"" + SECRET + "\"]}",
                "{\"M\":{\"a\":{\"S\":1}}}",
                "{\"L\":{\"a\":{\"S\":\"" + SECRET + "\"}}}",
                "{\"L\":[{\"Q\":\"" + SECRET + "\"}]}",
                "{\"SS\":\"" + SECRET + "\"}",
                "{\"SS\":[1]}",
                "{\"NS\":[\"" + SECRET + "\"]}",
                "{\"NS\":[\"1e999999999\"]}",
                "{\"BS\":[\"***" + SECRET + "\"]}",
                "{\"X\":\"" + SECRET + "\"}",
                "{\"S\":\"" + SECRET + "\",\"N\":\"1\"}",
                "{}",
                "\"" + SECRET + "\"",
                "[\"" + SECRET + "\"]"
            })
    @Timeout(20)
    void aMalformedAttributeFailsItsRecordNamingTheAttributeNotTheValue(String value) {
        byte[] event = bytes(json(
                insert("d-1", 1, "{\"id\":{\"S\":\"d-1\"}}"),
                insert("d-2", 2, "{\"id\":{\"S\":\"d-2\"},\"value\":" + value + "}"),
                insert("d-3", 3, "{\"id\":{\"S\":\"d-3\"}}")));

        StreamsEventResponse response = reader.process(new ByteArrayInputStream(event));

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(sequenceNumber(2));
        assertThat(outcomes)
                .filteredOn(o -> o.status() == RecordOutcome.Status.FAILED)
                .singleElement()
                .satisfies(o -> assertThat(o.cause())
                        .isInstanceOf(MalformedAttributeException.class)
                        .hasMessageContaining("NewImage.value")
                        .hasMessageNotContaining(SECRET));
        assertThat(handled).hasSize(1); // d-1; d-3 waits for Lambda's retry from d-2
    }

    /**
     * {@code process(DynamodbEvent)} gets what the managed runtime's deserializer made of the JSON:
     * it rejects some of these values itself (before any code of ours runs), coerces others ({@code
     * {"S":1}} becomes the string "1"), and passes the rest, which then fail the record as above.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"N\":\"" + SECRET + "\"}",
                "{\"N\":\"1e99999999\"}",
                "{\"NS\":[\"" + SECRET + "\"]}",
                "{\"S\":\"" + SECRET + "\",\"N\":\"1\"}",
                "{\"L\":[{}]}",
                "{}"
            })
    @Timeout(20)
    void whatTheRuntimePassesOnFailsTheRecordTheSameWay(String value) {
        byte[] event = bytes(json(insert("d-1", 1, "{\"id\":{\"S\":\"d-1\"},\"value\":" + value + "}")));

        StreamsEventResponse response = reader.process(Fixtures.viaRuntimeSerializer(event));

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(outcomes.get(0).cause())
                .isInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining("NewImage.value")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    @Timeout(30)
    void anImageNobodyReadsDoesNotFailItsRecordButIsStillCheckedWhenRead() {
        byte[] event = bytes(json(insert("d-1", 1, "{\"id\":{\"S\":\"d-1\"},\"value\":{\"N\":\"1e99999999\"}}")));

        StreamsEventResponse response = ignorer.process(new ByteArrayInputStream(event));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handled).containsExactly("e-1");
        assertThatThrownBy(() -> Fixtures.parse(event).get(0).newImage())
                .isInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining("NewImage.value")
                .hasMessageContaining("outside DynamoDB's number range");
    }

    @Test
    @Timeout(60)
    void hugeStringsAndBinariesAreReadWhole() {
        String big = "x".repeat(2_000_000);
        String blob = Base64.getEncoder().encodeToString(new byte[3_000_000]);
        byte[] event = bytes(json(insert(
                "d-1",
                1,
                "{\"id\":{\"S\":\"d-1\"},\"text\":{\"S\":\"" + big + "\"},\"blob\":{\"B\":\"" + blob + "\"}}")));

        List<StreamsEventResponse> responses = both(reader, event);

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.getBatchItemFailures()).isEmpty());
        assertThat(handled)
                .hasSize(2)
                .allSatisfy(item -> assertThat(((Map<?, ?>) item).get("text")).isEqualTo(big));
    }

    @Test
    @Timeout(120)
    void aHundredThousandRecordBatchIsProcessedWholeOnBothEntryPoints() {
        String records = IntStream.range(0, 100_000)
                .mapToObj(i -> insert("d-" + i, i, "{\"id\":{\"S\":\"d-" + i + "\"},\"n\":{\"N\":\"" + i + "\"}}"))
                .collect(Collectors.joining(","));
        byte[] event = bytes("{\"Records\":[" + records + "]}");

        List<StreamsEventResponse> responses = both(ignorer, event);

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.getBatchItemFailures()).isEmpty());
        assertThat(handled).hasSize(200_000);
        assertThat(outcomes).extracting(RecordOutcome::status).containsOnly(RecordOutcome.Status.SUCCEEDED);
    }

    @Test
    void controlCharactersInAttributeNamesSurviveAndMessagesEscapeNothingOfTheValues() {
        String names = "{\"id\":{\"S\":\"d-1\"},\"tab\\tname\":{\"S\":\"a\"},\"nul\\u0000name\":{\"N\":\"1\"},"
                + "\"line\\nbreak\":{\"N\":\"" + SECRET + "\"}}";
        byte[] event = bytes(json(insert("d-1", 1, names)));

        List<StreamsEventResponse> responses = both(reader, event);

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.getBatchItemFailures()).hasSize(1));
        assertThat(outcomes)
                .allSatisfy(o -> assertThat(o.cause())
                        .isInstanceOf(MalformedAttributeException.class)
                        .hasMessageContaining("line\nbreak")
                        .hasMessageNotContaining(SECRET));

        byte[] valid = bytes(json(insert("d-2", 2, names.replace(SECRET, "2"))));
        handled.clear();
        assertThat(both(reader, valid))
                .allSatisfy(r -> assertThat(r.getBatchItemFailures()).isEmpty());
        for (Object item : handled) {
            List<Object> keys = List.copyOf(((Map<?, ?>) item).keySet());
            assertThat(keys).contains("tab\tname", "nul\u0000name", "line\nbreak");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "\"1e99999999\"", "1e-999999999", "-1e-999999999", "1E+23", "\"-1E-10\""})
    @Timeout(20)
    void aCreationTimeNoUnitCanMakeAnInstantOfIsAMalformedEventNamingTheField(String time) {
        String record = insert("d-1", 1, "{\"id\":{\"S\":\"d-1\"}}")
                .replace("\"ApproximateCreationDateTime\":1767225600", "\"ApproximateCreationDateTime\":" + time);

        assertThatThrownBy(() -> reader.process(new ByteArrayInputStream(bytes(json(record)))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ApproximateCreationDateTime")
                .hasMessageContaining("eventID=e-1");
        assertThat(handled).isEmpty();
    }
}
