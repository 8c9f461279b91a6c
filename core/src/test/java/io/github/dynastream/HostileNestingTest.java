package io.github.dynastream;

import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.json;
import static io.github.dynastream.TestEvents.nested;
import static io.github.dynastream.TestEvents.nestedPath;
import static io.github.dynastream.TestEvents.remove;
import static io.github.dynastream.TestEvents.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nesting far beyond anything DynamoDB writes (1,000 to 100,000 levels, in images read or not, and
 * outside images) ends in a clear exception: never a {@link StackOverflowError}, never a hang, never
 * a success that loses a record.
 *
 * <p>Event JSON nested deeper than jackson-core's nesting limit (1,000 levels) fails the whole event,
 * naming the record, the field and the position: the parser cannot get past it, whether the image is
 * read or skipped. A {@code DynamodbEvent} has no JSON left, so there the record whose image is read
 * fails, as for any image beyond the attribute nesting limit.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileNestingTest {
    static final String SECRET = NestingDepthTest.SECRET;

    static Stream<Arguments> depths() {
        List<Arguments> all = new ArrayList<>();
        for (int levels : new int[] {1_000, 10_000, 100_000}) {
            all.add(Arguments.of(levels, false));
            all.add(Arguments.of(levels, true));
        }
        return all.stream();
    }

    private final NestingDepthTest.Run run = new NestingDepthTest.Run();
    private final StreamProcessor processor =
            NestingDepthTest.builder(NestingDepthTest.Reading.PLAIN_ITEM, run).build();

    private StreamsEventResponse process(String json) {
        return processor.process(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0} levels, lists={1}")
    @MethodSource("depths")
    void aRawEventWithADeepImageThatIsReadFailsAsAWholeNamingRecordFieldAndPosition(int levels, boolean lists) {
        String event = NestingDepthTest.eventWithDeepSecond(levels, lists);

        assertThatThrownBy(() -> process(event))
                .isExactlyInstanceOf(MalformedEventException.class)
                .satisfies(t -> {
                    var e = (MalformedEventException) t;
                    assertThat(e.recordIndex()).hasValue(1);
                    assertThat(e.eventId()).contains("e-2");
                    assertThat(e.field()).contains("dynamodb.NewImage");
                })
                .hasMessageStartingWith("Record 1 (eventID=e-2): dynamodb.NewImage is beyond the JSON parser's limits")
                .hasMessageContaining("nesting depth")
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining(SECRET);
        assertThat(run.handled).as("the whole batch is retried, so nothing ran").isEmpty();
    }

    @ParameterizedTest(name = "{0} levels, lists={1}")
    @MethodSource("depths")
    void aRawEventWithADeepImageNobodyReadsFailsAsAWholeToo(int levels, boolean lists) {
        String event = json(
                insert("o-1", 1, "{\"id\":{\"S\":\"o-1\"}}"),
                remove("o-2", 2, "{\"deep\":" + nested(levels, lists, SECRET) + "}"));

        assertThatThrownBy(() -> process(event))
                .isExactlyInstanceOf(MalformedEventException.class)
                .satisfies(t -> {
                    var e = (MalformedEventException) t;
                    assertThat(e.recordIndex()).hasValue(1);
                    assertThat(e.field()).contains("dynamodb.OldImage");
                })
                .hasMessageContaining("nesting depth")
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining(SECRET);
        assertThat(run.handled).isEmpty();
    }

    /** Below jackson-core's limit the attribute limit is reached first, and only that record fails. */
    @ParameterizedTest(name = "lists={0}")
    @MethodSource("booleans")
    void aRawEventWithinTheParsersLimitFailsOnlyTheRecordWhoseImageIsTooDeep(boolean lists) {
        StreamsEventResponse response = process(NestingDepthTest.eventWithDeepSecond(450, lists));

        assertThat(NestingDepthTest.failures(response)).containsExactly(sequenceNumber(2));
        assertThat(run.handled).containsExactly("o-1");
        assertThat(run.outcome("e-2").cause())
                .isExactlyInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining(nestedPath("NewImage", "deep", 33, lists) + " ")
                .hasMessageNotContaining(SECRET);
    }

    static Stream<Boolean> booleans() {
        return Stream.of(false, true);
    }

    /** Built in a loop, as no deserializer would: the conversion must not recurse to find the depth. */
    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue deepValue(
            int levels, boolean lists) {
        var value = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(SECRET);
        for (int i = 1; i < levels; i++) {
            var wrapper = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
            value = lists ? wrapper.withL(List.of(value)) : wrapper.withM(Map.of("a", value));
        }
        return value;
    }

    static DynamodbEvent.DynamodbStreamRecord deserializedRecord(
            String id,
            long sequence,
            String eventName,
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        var idValue = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(id);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("e-" + sequence);
        record.setEventName(eventName);
        StreamRecord dynamodb = new StreamRecord();
        dynamodb.setSequenceNumber(sequenceNumber(sequence));
        dynamodb.setKeys(Map.of("id", idValue));
        if (eventName.equals("REMOVE")) {
            dynamodb.setOldImage(image);
        } else {
            dynamodb.setNewImage(image);
        }
        record.setDynamodb(dynamodb);
        return record;
    }

    static DynamodbEvent deserializedEvent(int levels, boolean lists, String deepEventName) {
        var idValue = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS("o-2");
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(
                deserializedRecord(
                        "o-1",
                        1,
                        "INSERT",
                        Map.of(
                                "id",
                                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue()
                                        .withS("o-1"))),
                deserializedRecord("o-2", 2, deepEventName, Map.of("id", idValue, "deep", deepValue(levels, lists))),
                deserializedRecord(
                        "o-3",
                        3,
                        "INSERT",
                        Map.of(
                                "id",
                                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue()
                                        .withS("o-3")))));
        return event;
    }

    @ParameterizedTest(name = "{0} levels, lists={1}")
    @MethodSource("depths")
    void aDeserializedEventWithADeepImageThatIsReadFailsThatRecord(int levels, boolean lists) {
        StreamsEventResponse response = processor.process(deserializedEvent(levels, lists, "INSERT"));

        assertThat(NestingDepthTest.failures(response)).containsExactly(sequenceNumber(2));
        assertThat(run.handled).containsExactly("o-1");
        assertThat(run.outcome("e-2").cause())
                .isExactlyInstanceOf(MalformedAttributeException.class)
                .satisfies(t -> {
                    var e = (MalformedAttributeException) t;
                    assertThat(e.eventId()).isEqualTo("e-2");
                    assertThat(e.sequenceNumber()).isEqualTo(sequenceNumber(2));
                    assertThat(e.attribute()).isEqualTo(nestedPath("NewImage", "deep", 33, lists));
                })
                .hasMessageNotContaining(SECRET);
    }

    @ParameterizedTest(name = "{0} levels, lists={1}")
    @MethodSource("depths")
    void aDeserializedEventWithADeepImageNobodyReadsSucceeds(int levels, boolean lists) {
        StreamsEventResponse response = processor.process(deserializedEvent(levels, lists, "REMOVE"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(run.handled).containsExactly("o-1", "o-3");
    }

    /** Outside images: fields Lambda sends, fields it does not, and the event object itself. */
    static Stream<Arguments> deepOutsideImages() {
        String deep = "{\"x\":".repeat(5_000) + "1" + "}".repeat(5_000);
        String record = insert("o-2", 2, "{\"id\":{\"S\":\"o-2\"}}");
        return Stream.of(
                Arguments.of(
                        json(
                                insert("o-1", 1, "{}"),
                                record.replace("\"eventVersion\"", "\"extra\":" + deep + ",\"eventVersion\"")),
                        "Record 1 (eventID=e-2): extra is beyond the JSON parser's limits"),
                Arguments.of(
                        json(
                                insert("o-1", 1, "{}"),
                                record.replace("\"awsRegion\":\"eu-west-1\"", "\"userIdentity\":" + deep)),
                        "Record 1 (eventID=e-2): userIdentity.x is beyond the JSON parser's limits"),
                Arguments.of(
                        json(
                                insert("o-1", 1, "{}"),
                                record.replace("\"SizeBytes\"", "\"Extra\":" + deep + ",\"SizeBytes\"")),
                        "Record 1 (eventID=e-2): dynamodb.Extra is beyond the JSON parser's limits"),
                Arguments.of(
                        "{\"window\":" + deep + ",\"Records\":[" + insert("o-1", 1, "{}") + "]}",
                        "The event's field \"window\" is beyond the JSON parser's limits"),
                Arguments.of("[".repeat(100_000) + "]".repeat(100_000), "Record 0 is an array, expected an object"),
                Arguments.of(
                        "{\"Records\":[" + "[".repeat(100_000) + "]".repeat(100_000) + "]}",
                        "Record 0 is an array, expected an object"));
    }

    @ParameterizedTest
    @MethodSource("deepOutsideImages")
    void deepJsonOutsideImagesFailsTheEventNamingWhereItIs(String event, String start) {
        assertThatThrownBy(() -> process(event))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith(start)
                .hasMessageContaining("line 1, column");
        assertThat(run.handled).isEmpty();
    }
}
