package io.github.dynastream;

import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.json;
import static io.github.dynastream.TestEvents.order;
import static io.github.dynastream.TestEvents.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input that is not a stream event, or a record with a field of the wrong kind, is rejected with a
 * {@link MalformedEventException} that says which record, field and position, and what it saw; never
 * with another exception, never with a success that drops records.
 */
class MalformedEventTest {
    record Order(String id, String status, BigDecimal total) {}

    private final List<String> handled = new ArrayList<>();
    private final StreamProcessor processor = StreamProcessor.builder()
            .handler(new Object() {
                @OnInsert
                void on(Order order) {
                    handled.add(order.id());
                }
            })
            .logBatchSummary(false)
            .build();

    private void process(String json) {
        processor.process(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{}|an object", "\"[]\"|a string", "42|a number", "true|a boolean", "null|null"})
    void recordsThatIsNotAnArraySaysWhatItIs(String records, String kind) {
        assertThatThrownBy(() -> process("{\"Records\":" + records + "}"))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining("\"Records\" is " + kind + ", expected an array of stream records")
                .hasMessageContaining("line 1, column 12");
        assertThat(handled).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"42|a number", "\"x\"|a string", "[{}]|an array", "null|null"})
    void aRecordThatIsNotAnObjectSaysWhatItIs(String record, String kind) {
        assertThatThrownBy(() -> process(json(insert("o-1", 1, order("o-1", "NEW", "1")), record)))
                .isExactlyInstanceOf(MalformedEventException.class)
                .satisfies(t -> {
                    var e = (MalformedEventException) t;
                    assertThat(e.recordIndex()).hasValue(1);
                    assertThat(e.eventId()).isEmpty();
                    assertThat(e.field()).isEmpty();
                })
                .hasMessageContaining("Record 1 is " + kind + ", expected an object (a stream record)")
                .hasMessageContaining("line 1, column");
        assertThat(handled).isEmpty();
    }

    /** A record with every field Lambda sends, each value replaceable by its path. */
    private static String record(Map<String, String> replaced) {
        Map<String, String> dynamodb = new LinkedHashMap<>();
        dynamodb.put("ApproximateCreationDateTime", "1767225600");
        dynamodb.put("Keys", "{\"id\":{\"S\":\"o-2\"}}");
        dynamodb.put("NewImage", order("o-2", "NEW", "2"));
        dynamodb.put("OldImage", order("o-2", "OLD", "1"));
        dynamodb.put("SequenceNumber", "\"" + TestEvents.sequenceNumber(2) + "\"");
        dynamodb.put("SizeBytes", "100");
        dynamodb.put("StreamViewType", "\"NEW_AND_OLD_IMAGES\"");
        Map<String, String> record = new LinkedHashMap<>();
        record.put("eventID", "\"e-2\"");
        record.put("eventName", "\"INSERT\"");
        record.put("eventVersion", "\"1.1\"");
        record.put("eventSource", "\"aws:dynamodb\"");
        record.put("awsRegion", "\"eu-west-1\"");
        record.put("userIdentity", "{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"}");
        record.put("dynamodb", null);
        record.put("eventSourceARN", "\"" + TestEvents.ARN + "\"");
        record.put("tableName", "\"Orders\"");
        dynamodb.replaceAll((field, value) -> replaced.getOrDefault("dynamodb." + field, value));
        record.replaceAll((field, value) -> replaced.getOrDefault(field, value));
        StringBuilder json = new StringBuilder("{");
        record.forEach((field, value) -> {
            json.append(json.length() > 1 ? "," : "").append('"').append(field).append("\":");
            if (value != null) {
                json.append(value);
            } else {
                json.append('{');
                dynamodb.forEach((name, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                        .append('"')
                        .append(name)
                        .append("\":")
                        .append(v));
                json.append('}');
            }
        });
        return json.append('}').toString();
    }

    @Test
    void theTemplateRecordIsProcessed() {
        process(json(insert("o-1", 1, order("o-1", "NEW", "1")), record(Map.of())));

        assertThat(handled).containsExactly("o-1", "o-2");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "dynamodb|[]|is an array, expected an object",
                "dynamodb|\"x\"|is a string, expected an object",
                "dynamodb|7|is a number, expected an object",
                "dynamodb.Keys|[]|is an array, expected an object",
                "dynamodb.Keys|\"id\"|is a string, expected an object",
                "dynamodb.NewImage|[{\"id\":{\"S\":\"o-2\"}}]|is an array, expected an object",
                "dynamodb.NewImage|42|is a number, expected an object",
                "dynamodb.OldImage|true|is a boolean, expected an object",
                "eventName|{\"name\":\"INSERT\"}|is an object, expected a string",
                "eventName|[\"INSERT\"]|is an array, expected a string",
                "eventName|1|is a number, expected a string",
                "eventName|\"UPSERT\"|is \"UPSERT\", which is not one of [INSERT, MODIFY, REMOVE]",
                "eventVersion|{}|is an object, expected a string",
                "eventSource|[]|is an array, expected a string",
                "awsRegion|1.5|is a number, expected a string",
                "eventSourceARN|{}|is an object, expected a string",
                "tableName|false|is a boolean, expected a string",
                "userIdentity|[]|is an array, expected an object",
                "userIdentity.type|{}|is an object, expected a string",
                "userIdentity.principalId|[1]|is an array, expected a string",
                "dynamodb.SequenceNumber|{}|is an object, expected a string",
                "dynamodb.SequenceNumber|[\"1\"]|is an array, expected a string",
                "dynamodb.SequenceNumber|1.5|is a number, expected a string",
                "dynamodb.SequenceNumber|true|is a boolean, expected a string",
                "dynamodb.SequenceNumber|null|is missing",
                "dynamodb.StreamViewType|{}|is an object, expected a string",
                "dynamodb.StreamViewType|\"ALL\"|is \"ALL\", which is not one of",
                "dynamodb.SizeBytes|\"100\"|is a string, expected an integer",
                "dynamodb.SizeBytes|1.5|is a number, expected an integer",
                "dynamodb.SizeBytes|123456789012345678901234567890|is too large",
                "dynamodb.ApproximateCreationDateTime|{}|is an object, expected a number or a string",
                "dynamodb.ApproximateCreationDateTime|[]|is an array, expected a number or a string",
                "dynamodb.ApproximateCreationDateTime|\"soon\"|is neither epoch seconds",
                "eventName|null|is missing"
            })
    void aFieldOfTheWrongKindNamesRecordEventIdFieldAndWhatItSaw(String field, String value, String problem) {
        String userIdentityField = field.startsWith("userIdentity.") ? field.substring("userIdentity.".length()) : null;
        Map<String, String> replaced = userIdentityField == null
                ? Map.of(field, value)
                : Map.of("userIdentity", "{\"" + userIdentityField + "\":" + value + "}");
        String event = json(insert("o-1", 1, order("o-1", "NEW", "1")), record(replaced), insert("o-3", 3, "{}"));

        assertThatThrownBy(() -> process(event))
                .isExactlyInstanceOf(MalformedEventException.class)
                .satisfies(t -> {
                    var e = (MalformedEventException) t;
                    assertThat(e.recordIndex()).hasValue(1);
                    assertThat(e.eventId()).contains("e-2");
                    assertThat(e.field()).contains(field);
                })
                .hasMessageStartingWith("Record 1 (eventID=e-2): " + field + " " + problem);
        assertThat(handled).as("nothing runs when the event is rejected").isEmpty();
    }

    /** Rounding such numbers to seconds and nanoseconds would build numbers with a billion digits. */
    @ParameterizedTest
    @CsvSource({"1e999999999", "-1E+999999999", "1e-999999999", "\"1e999999999\"", "\"7E-2147483647\""})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCreationTimeFarOutsideAnyClockIsRejectedAtOnce(String time) {
        String event = json(record(Map.of("dynamodb.ApproximateCreationDateTime", time)));

        assertThatThrownBy(() -> process(event))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("Record 0 (eventID=e-2): dynamodb.ApproximateCreationDateTime is neither");
    }

    @Test
    void aWrongFieldBeforeTheEventIdNamesTheRecordWithoutIt() {
        String record = insert("o-1", 1, "{}").replace("\"eventID\":\"e-1\"", "\"eventID\":{\"id\":\"e-1\"}");

        assertThatThrownBy(() -> process(json(record)))
                .isExactlyInstanceOf(MalformedEventException.class)
                .satisfies(t -> {
                    var e = (MalformedEventException) t;
                    assertThat(e.recordIndex()).hasValue(0);
                    assertThat(e.eventId()).isEmpty();
                    assertThat(e.field()).contains("eventID");
                })
                .hasMessageStartingWith("Record 0: eventID is an object, expected a string, at line 1, column 24");
    }

    @Test
    void anObjectWithNoneOfARecordsFieldsIsNotTakenForOne() {
        assertThatThrownBy(() -> process("{\"Records\":[{\"id\":1,\"name\":\"x\"}]}"))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Record 0 has none of a stream record's fields (eventID, eventName, dynamodb)");
    }

    /** Jackson quotes what it cannot parse; that may be part of an attribute value, so it is left out. */
    @Test
    void invalidJsonInAnImageIsReportedWithoutTheTextJacksonQuotes() {
        String broken = "{\"id\":{\"S\":\"o-1\"},\"card\":{\"S\":card4111x}}";
        List<String> removed = new ArrayList<>();
        StreamProcessor readsRemovals = StreamProcessor.builder()
                .handler(new Object() {
                    @OnRemove
                    void on(Map<String, AttributeValue> image) {
                        removed.add(image.toString());
                    }
                })
                .logBatchSummary(false)
                .build();

        // Mapped while parsing: the event's parser meets the token.
        assertThatThrownBy(() -> process(json(insert("o-1", 1, broken))))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Record 0 (eventID=e-1): dynamodb.NewImage is not valid JSON: Unrecognized token")
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining("card4111");
        // Skipped while parsing, decoded when the handler asks: the record fails.
        BatchResult result = readsRemovals.processRecords(readsRemovals
                .read(new ByteArrayInputStream(json(remove("o-1", 1, broken)).getBytes(StandardCharsets.UTF_8)))
                .records());
        assertThat(result.failure().orElseThrow().cause())
                .isExactlyInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining("OldImage")
                .hasMessageContaining("Unrecognized token")
                .hasMessageNotContaining("card4111");
        assertThat(removed).isEmpty();
    }

    @Test
    void anEventLongerThanTheParsersDocumentLimitIsRejected() {
        com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
        factory.setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxDocumentLength(100)
                .build());
        byte[] event = json(insert("o-1", 1, "{}")).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> io.github.dynastream.source.EventJsonSource.create(
                                factory, io.github.dynastream.source.InPlaceReaders.NONE, 32)
                        .read(event))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining("longer than the 100 bytes StreamReadConstraints allow");
    }

    /**
     * Cut anywhere, a valid event is invalid JSON, and is rejected as a whole: whether the images are
     * mapped on the way past, skipped by scanning, or decoded.
     */
    @Test
    void everyTruncationOfAValidEventIsRejectedAsMalformed() {
        List<String> items = new ArrayList<>();
        List<String> images = new ArrayList<>();
        StreamProcessor mapsInPlace = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        items.add(order.id());
                    }
                })
                .logBatchSummary(false)
                .build();
        StreamProcessor decodes = StreamProcessor.builder()
                .handler(new Object() {
                    @OnRemove
                    void on(Map<String, AttributeValue> image) {
                        images.add(image.keySet().toString());
                    }
                })
                .logBatchSummary(false)
                .build();
        String event = json(
                insert(
                        "o-1",
                        1,
                        "{\"id\":{\"S\":\"o-1\"},\"status\":{\"S\":\"a \\\"b\\\" }\"},\"total\":{\"N\":\"1\"},"
                                + "\"m\":{\"M\":{\"l\":{\"L\":[{\"N\":\"2\"},{\"SS\":[\"x\",\"]\"]}]}}}}"),
                remove("o-2", 2, "{\"id\":{\"S\":\"o-2\"},\"n\":{\"NULL\":true},\"b\":{\"B\":\"AQ==\"}}"));
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);

        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            for (StreamProcessor processor : List.of(mapsInPlace, decodes)) {
                assertThatThrownBy(() -> processor.process(new ByteArrayInputStream(cut)))
                        .as("cut at %d: %s", length, new String(cut, StandardCharsets.UTF_8))
                        .isExactlyInstanceOf(MalformedEventException.class)
                        .hasMessageMatching("(?s)(The event|Record [01]).*");
            }
        }
        assertThat(items).isEmpty();
        assertThat(images).isEmpty();

        mapsInPlace.process(new ByteArrayInputStream(bytes));
        decodes.process(new ByteArrayInputStream(bytes));
        assertThat(items).containsExactly("o-1");
        assertThat(images).containsExactly("[id, n, b]");
    }

    private static DynamodbEvent.DynamodbStreamRecord deserializedRecord(String eventId, String eventName) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(eventId);
        record.setEventName(eventName);
        StreamRecord dynamodb = new StreamRecord();
        dynamodb.setSequenceNumber(TestEvents.sequenceNumber(1));
        dynamodb.setKeys(Map.of());
        record.setDynamodb(dynamodb);
        return record;
    }

    private static DynamodbEvent deserialized(DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(Arrays.asList(records));
        return event;
    }

    @Test
    void aDeserializedEventIsCheckedTheSameWay() {
        DynamodbEvent.DynamodbStreamRecord noSequenceNumber = deserializedRecord("e-2", "INSERT");
        noSequenceNumber.getDynamodb().setSequenceNumber(null);
        DynamodbEvent.DynamodbStreamRecord noStreamRecord = deserializedRecord("e-2", "INSERT");
        noStreamRecord.setDynamodb(null);
        DynamodbEvent.DynamodbStreamRecord ok = deserializedRecord("e-1", "INSERT");

        assertThatThrownBy(() -> processor.process((DynamodbEvent) null))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessage("The event is null");
        assertThatThrownBy(() -> processor.process(new DynamodbEvent()))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining("no \"Records\" list");
        assertThatThrownBy(() -> processor.process(deserialized(ok, null)))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessage("Record 1 is null");
        assertThatThrownBy(() -> processor.process(deserialized(ok, new DynamodbEvent.DynamodbStreamRecord())))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Record 1 has none of a stream record's fields");
        assertThatThrownBy(() -> processor.process(deserialized(ok, noSequenceNumber)))
                .isExactlyInstanceOf(MalformedEventException.class)
                .satisfies(t -> {
                    var e = (MalformedEventException) t;
                    assertThat(e.recordIndex()).hasValue(1);
                    assertThat(e.eventId()).contains("e-2");
                    assertThat(e.field()).contains("dynamodb.SequenceNumber");
                })
                .hasMessageStartingWith("Record 1 (eventID=e-2): dynamodb.SequenceNumber is missing");
        assertThatThrownBy(() -> processor.process(deserialized(ok, noStreamRecord)))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessage("Record 1 (eventID=e-2): dynamodb is missing");
        assertThatThrownBy(() -> processor.process(deserialized(ok, deserializedRecord(null, "INSERT"))))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessage("Record 1: eventID is missing");
        assertThatThrownBy(() -> processor.process(deserialized(ok, deserializedRecord("e-2", "UPSERT"))))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessage("Record 1 (eventID=e-2): eventName is \"UPSERT\", which is not one of"
                        + " [INSERT, MODIFY, REMOVE]");
    }

    /**
     * The runtime's deserializer takes a "Records" object for a list of one, so a {@code
     * DynamodbEvent} cannot show it was an object; the record it makes is reported for what it lacks.
     */
    @Test
    void aRecordsObjectThroughTheRuntimesDeserializerIsReportedForWhatItLacks() {
        DynamodbEvent empty = Fixtures.viaRuntimeSerializer("{\"Records\":{}}".getBytes(StandardCharsets.UTF_8));
        DynamodbEvent partial =
                Fixtures.viaRuntimeSerializer("{\"Records\":{\"eventID\":\"e-1\"}}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> processor.process(empty))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("Record 0 has none of a stream record's fields (eventID, eventName, dynamodb)");
        assertThatThrownBy(() -> processor.process(partial))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessage("Record 0 (eventID=e-1): dynamodb is missing");
        assertThat(handled).isEmpty();
    }

    @Test
    void theOldConstructorsLeaveTheRecordFactsEmpty() {
        MalformedEventException e = new MalformedEventException("broken");

        assertThat(e).hasMessage("broken").hasNoCause();
        assertThat(e.recordIndex()).isEmpty();
        assertThat(e.eventId()).isEmpty();
        assertThat(e.field()).isEmpty();
    }
}
