package io.github.dynastream;

import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.json;
import static io.github.dynastream.TestEvents.nested;
import static io.github.dynastream.TestEvents.nestedPath;
import static io.github.dynastream.TestEvents.remove;
import static io.github.dynastream.TestEvents.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Maps and lists nested deeper than the processor's limit fail their record, through both entry
 * points and every way a handler reads an image; at the limit the image is read as usual.
 */
class NestingDepthTest {
    static final String SECRET = "leaf-secret-4711";

    record Item(String id) {}

    /** How the event reaches the processor. */
    enum Entry {
        INPUT_STREAM,
        DYNAMODB_EVENT
    }

    /** How the handler reads the NewImage. */
    enum Reading {
        /** A plain record, mapped while the event is parsed (or from the decoded image). */
        PLAIN_ITEM,
        /** A type only Jackson maps, from the image's JSON (or the decoded image). */
        JACKSON_ITEM,
        /** The decoded image. */
        IMAGE,
        /** The record, whose handler asks for the image. */
        RECORD
    }

    /** What a processor did: the items handled, the outcome of every record. */
    static final class Run {
        final List<String> handled = new ArrayList<>();
        final List<RecordOutcome> outcomes = new ArrayList<>();

        RecordOutcome outcome(String eventId) {
            return outcomes.stream()
                    .filter(o -> o.record().eventId().equals(eventId))
                    .findFirst()
                    .orElseThrow();
        }
    }

    static StreamProcessor.Builder builder(Reading reading, Run run) {
        Object handler = switch (reading) {
            case PLAIN_ITEM ->
                new Object() {
                    @OnInsert
                    void on(Item item) {
                        run.handled.add(item.id());
                    }
                };
            case JACKSON_ITEM ->
                new Object() {
                    @OnInsert
                    void on(JsonNode item) {
                        run.handled.add(item.get("id").asText());
                    }
                };
            case IMAGE ->
                new Object() {
                    @OnInsert
                    void on(Map<String, AttributeValue> image) {
                        run.handled.add(((AttributeValue.S) image.get("id")).value());
                    }
                };
            case RECORD ->
                new Object() {
                    @OnInsert
                    void on(ChangeRecord record) {
                        Map<String, AttributeValue> image = record.newImage().orElseThrow();
                        run.handled.add(((AttributeValue.S) image.get("id")).value());
                    }
                };
        };
        return StreamProcessor.builder().handler(handler).logBatchSummary(false).listener(new ProcessingListener() {
            @Override
            public void onRecord(RecordOutcome outcome) {
                run.outcomes.add(outcome);
            }
        });
    }

    static StreamsEventResponse process(StreamProcessor processor, Entry entry, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return entry == Entry.INPUT_STREAM
                ? processor.process(new ByteArrayInputStream(bytes))
                : processor.process(Fixtures.viaRuntimeSerializer(bytes));
    }

    static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /** Three INSERTs; the second one's NewImage has an attribute "deep" whose leaf is at {@code levels}. */
    static String eventWithDeepSecond(int levels, boolean lists) {
        return json(
                insert("o-1", 1, "{\"id\":{\"S\":\"o-1\"}}"),
                insert("o-2", 2, "{\"id\":{\"S\":\"o-2\"},\"deep\":" + nested(levels, lists, SECRET) + "}"),
                insert("o-3", 3, "{\"id\":{\"S\":\"o-3\"}}"));
    }

    /** Every entry point, every way of reading, maps and lists, DynamoDB's limit and a lower one. */
    static Stream<Arguments> everyWay() {
        List<Arguments> all = new ArrayList<>();
        for (Entry entry : Entry.values()) {
            for (Reading reading : Reading.values()) {
                for (boolean lists : new boolean[] {false, true}) {
                    for (int limit : new int[] {32, 3}) {
                        all.add(Arguments.of(entry, reading, lists, limit));
                    }
                }
            }
        }
        return all.stream();
    }

    private static StreamProcessor processor(Reading reading, Run run, int limit) {
        StreamProcessor.Builder builder = builder(reading, run);
        if (limit != 32) {
            builder.maxNestingDepth(limit);
        }
        return builder.build();
    }

    @ParameterizedTest(name = "{0}, {1}, lists={2}, limit={3}")
    @MethodSource("everyWay")
    void anImageNestedExactlyToTheLimitIsRead(Entry entry, Reading reading, boolean lists, int limit) {
        Run run = new Run();

        StreamsEventResponse response =
                process(processor(reading, run, limit), entry, eventWithDeepSecond(limit, lists));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(run.handled).containsExactly("o-1", "o-2", "o-3");
    }

    @ParameterizedTest(name = "{0}, {1}, lists={2}, limit={3}")
    @MethodSource("everyWay")
    void oneLevelDeeperFailsItsRecordNamingRecordImageAndPathButNoValue(
            Entry entry, Reading reading, boolean lists, int limit) {
        Run run = new Run();

        StreamsEventResponse response =
                process(processor(reading, run, limit), entry, eventWithDeepSecond(limit + 1, lists));

        assertThat(failures(response)).containsExactly(sequenceNumber(2));
        assertThat(run.handled).containsExactly("o-1");
        RecordOutcome failed = run.outcome("e-2");
        assertThat(failed.status()).isEqualTo(RecordOutcome.Status.FAILED);
        assertThat(failed.cause())
                .isExactlyInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining("eventID=e-2")
                .hasMessageContaining("sequenceNumber=" + sequenceNumber(2))
                .hasMessageContaining(nestedPath("NewImage", "deep", limit + 1, lists) + " ")
                .hasMessageContaining("nested deeper than " + limit + " levels")
                .hasMessageNotContaining(SECRET);
        MalformedAttributeException e = (MalformedAttributeException) failed.cause();
        assertThat(e.eventId()).isEqualTo("e-2");
        assertThat(e.sequenceNumber()).isEqualTo(sequenceNumber(2));
        assertThat(e.attribute()).isEqualTo(nestedPath("NewImage", "deep", limit + 1, lists));
        assertThat(run.outcome("e-3").status()).isEqualTo(RecordOutcome.Status.NOT_ATTEMPTED);
    }

    @ParameterizedTest
    @MethodSource("entries")
    void keysNestedTooDeepFailTheRecordThatReadsThem(Entry entry) {
        List<String> keys = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(ChangeRecord record) {
                        keys.add(record.keys().keySet().toString());
                    }
                })
                .logBatchSummary(false)
                .build();
        String deepKeys = insert("o-2", 2, "{}")
                .replace("\"Keys\":{\"id\":{\"S\":\"o-2\"}}", "\"Keys\":{\"deep\":" + nested(33, true, SECRET) + "}");

        StreamsEventResponse response =
                process(processor, entry, json(insert("o-1", 1, "{}"), deepKeys, insert("o-3", 3, "{}")));

        assertThat(failures(response)).containsExactly(sequenceNumber(2));
        assertThat(keys).containsExactly("[id]");
    }

    static Stream<Entry> entries() {
        return Stream.of(Entry.values());
    }

    @ParameterizedTest
    @MethodSource("entries")
    void anImageNobodyReadsIsNotCheckedAsItIsNotDecoded(Entry entry) {
        Run run = new Run();
        StreamProcessor processor = processor(Reading.PLAIN_ITEM, run, 32);

        StreamsEventResponse response = process(
                processor,
                entry,
                json(
                        insert("o-1", 1, "{\"id\":{\"S\":\"o-1\"}}"),
                        remove("o-2", 2, "{\"deep\":" + nested(40, false, SECRET) + "}"),
                        insert("o-3", 3, "{\"id\":{\"S\":\"o-3\"}}")));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(run.handled).containsExactly("o-1", "o-3");
    }

    @Test
    void eachProcessorKeepsItsOwnLimit() {
        Run strict = new Run();
        Run lenient = new Run();
        StreamProcessor three = processor(Reading.PLAIN_ITEM, strict, 3);
        StreamProcessor ten = processor(Reading.PLAIN_ITEM, lenient, 10);
        String event = eventWithDeepSecond(5, false);

        StreamsEventResponse strictResponse = process(three, Entry.INPUT_STREAM, event);
        StreamsEventResponse lenientResponse = process(ten, Entry.INPUT_STREAM, event);

        assertThat(failures(strictResponse)).containsExactly(sequenceNumber(2));
        assertThat(lenientResponse.getBatchItemFailures()).isEmpty();
        assertThat(lenient.handled).containsExactly("o-1", "o-2", "o-3");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, Integer.MAX_VALUE})
    void aLimitOutsideOneToAHundredIsRejectedWhenBuilt(int limit) {
        StreamProcessor.Builder builder = builder(Reading.IMAGE, new Run()).maxNestingDepth(limit);

        assertThatThrownBy(builder::build)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("max nesting depth must be between 1 and 100 but was [" + limit + "]");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void theLimitMayBeAnythingFromOneToAHundred(int limit) {
        Run run = new Run();
        StreamProcessor processor =
                builder(Reading.IMAGE, run).maxNestingDepth(limit).build();

        StreamsEventResponse atLimit = process(processor, Entry.INPUT_STREAM, eventWithDeepSecond(limit, true));
        StreamsEventResponse beyond = process(processor, Entry.INPUT_STREAM, eventWithDeepSecond(limit + 1, true));

        assertThat(atLimit.getBatchItemFailures()).isEmpty();
        assertThat(failures(beyond)).containsExactly(sequenceNumber(2));
    }
}
