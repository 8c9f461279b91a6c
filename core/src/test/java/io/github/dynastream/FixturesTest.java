package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.source.DynamodbEventSource;
import io.github.dynastream.source.EventJsonSource;
import io.github.dynastream.source.InPlaceReaders;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every published fixture is processed, or rejected with a message saying what shape it has. */
class FixturesTest {

    /** Fixtures in Lambda's shape, with the event names their records must parse to. */
    static final Map<String, List<EventName>> PROCESSED = Map.ofEntries(
            Map.entry("sam-dynamodb-update.json", List.of(EventName.INSERT, EventName.MODIFY, EventName.REMOVE)),
            Map.entry("lambda-go-dynamodb-event.json", List.of(EventName.INSERT, EventName.INSERT)),
            Map.entry("rust-lambda-events-dynamodb-all-types.json", List.of(EventName.INSERT, EventName.INSERT)),
            Map.entry("java-libs-dynamodb-event.json", List.of(EventName.INSERT, EventName.MODIFY, EventName.REMOVE)),
            Map.entry(
                    "java-libs-dynamodb-event-roundtrip.json",
                    List.of(EventName.INSERT, EventName.MODIFY, EventName.REMOVE)),
            Map.entry(
                    "powertools-java-dynamodb-event.json",
                    List.of(EventName.INSERT, EventName.MODIFY, EventName.REMOVE)),
            Map.entry("powertools-java-dynamodb-event-12-records.json", cycle(4)),
            Map.entry("powertools-python-dynamo-stream-event.json", List.of(EventName.INSERT, EventName.MODIFY)),
            Map.entry(
                    "powertools-python-batch-dynamodb-event-leading-newline.json",
                    List.of(EventName.INSERT, EventName.INSERT)),
            Map.entry("powertools-typescript-parser-dynamodb-base.json", List.of(EventName.INSERT, EventName.MODIFY)),
            Map.entry("eventbridge-pipes-dynamodb-source-example.json", List.of(EventName.INSERT, EventName.MODIFY)),
            // Tumbling-window events: the records are processed, the window state is not used.
            Map.entry(
                    "lambda-go-dynamodb-time-window-event.json",
                    List.of(EventName.INSERT, EventName.MODIFY, EventName.REMOVE)),
            Map.entry("java-libs-dynamodb-time-window-event.json", List.of(EventName.INSERT, EventName.MODIFY)),
            // A Lambda Kinesis event of Kinesis Data Streams for DynamoDB: base64 change records.
            Map.entry(
                    "powertools-typescript-kinesis-ddb-change-records.json",
                    List.of(EventName.INSERT, EventName.INSERT)));

    /**
     * Single DynamoDB change records in the shape Kinesis Data Streams for DynamoDB writes (decoded
     * {@code kinesis.data}): not events, but what a Kinesis record carries; processed as the payload
     * of a Kinesis record ({@code process(KinesisEvent)}), with the event names they must parse to.
     */
    static final Map<String, EventName> KINESIS_PAYLOADS = Map.ofEntries(
            Map.entry("rust-lambda-events-dynamodb-record-kinesis-format.json", EventName.INSERT),
            Map.entry("powertools-typescript-kinesis-ddb-change-record-1-decoded.json", EventName.INSERT),
            Map.entry("powertools-typescript-kinesis-ddb-change-record-2-decoded.json", EventName.INSERT));

    /** Fixtures that are not processable Lambda stream events, with the words their rejection must use. */
    static final Map<String, String> REJECTED = Map.ofEntries(
            Map.entry("lambda-go-dynamodb-event-malformed-truncated.json", "not valid JSON"),
            Map.entry("java-libs-dynamodb-single-record.json", "single stream record"),
            Map.entry("botocore-dynamodbstreams-examples-getrecords.json", "no \"Records\" array"));

    private static List<EventName> cycle(int times) {
        List<EventName> names = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            names.addAll(List.of(EventName.INSERT, EventName.MODIFY, EventName.REMOVE));
        }
        return names;
    }

    static List<String> processedFixtures() {
        return PROCESSED.keySet().stream().sorted().toList();
    }

    static List<String> rejectedFixtures() {
        return REJECTED.keySet().stream().sorted().toList();
    }

    /** Lambda's shape ({"Records": [...]}), which the runtime's own deserializer reads. */
    static List<String> lambdaShapedFixtures() {
        return processedFixtures().stream()
                .filter(n -> !n.startsWith("eventbridge-pipes") && !n.contains("kinesis"))
                .toList();
    }

    @Test
    void everyFixtureIsClassified() {
        assertThat(Fixtures.names())
                .as("fixtures in %s", Fixtures.dir())
                .hasSizeGreaterThanOrEqualTo(PROCESSED.size() + REJECTED.size() + KINESIS_PAYLOADS.size())
                .allSatisfy(name -> assertThat(PROCESSED.containsKey(name)
                                || REJECTED.containsKey(name)
                                || KINESIS_PAYLOADS.containsKey(name))
                        .as("%s is neither in PROCESSED, KINESIS_PAYLOADS nor in REJECTED", name)
                        .isTrue());
    }

    /**
     * The copies are the published blobs, byte for byte: each file's git blob id starts with the id
     * that SOURCES.md gives for it (files marked derived have none).
     */
    @Test
    void everyCopiedFixtureIsByteForByteThePublishedBlob() throws Exception {
        Pattern row = Pattern.compile("^\\| `([^`]+\\.json)` \\|.*\\(([0-9a-f]{8})\\) \\|");
        Map<String, String> published = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(Fixtures.dir().resolve("SOURCES.md"))) {
            Matcher matcher = row.matcher(line);
            if (matcher.find()) {
                published.put(matcher.group(1), matcher.group(2));
            }
        }

        assertThat(published).hasSizeGreaterThanOrEqualTo(15);
        for (Map.Entry<String, String> entry : published.entrySet()) {
            assertThat(gitBlobId(Fixtures.bytes(entry.getKey())))
                    .as(entry.getKey())
                    .startsWith(entry.getValue());
        }
    }

    private static String gitBlobId(byte[] content) throws NoSuchAlgorithmException {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(content));
    }

    @ParameterizedTest
    @MethodSource("processedFixtures")
    void processesFixture(String name) {
        Recorder recorder = new Recorder();
        StreamProcessor processor = StreamProcessor.builder().handler(recorder).build();

        var response = processor.process(new ByteArrayInputStream(Fixtures.bytes(name)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(recorder.seen).extracting(ChangeRecord::eventName).containsExactlyElementsOf(PROCESSED.get(name));
        // Every image of every record decodes: nothing is left unread.
        assertThat(recorder.seen).allSatisfy(r -> {
            assertThat(r.keys()).isNotNull();
            r.oldImage().ifPresent(image -> assertThat(image).isNotNull());
            r.newImage().ifPresent(image -> assertThat(image).isNotNull());
        });
    }

    static List<String> kinesisPayloadFixtures() {
        return KINESIS_PAYLOADS.keySet().stream().sorted().toList();
    }

    /**
     * A decoded change record is what a Kinesis record carries: delivered so, it is processed, its
     * failure reported by the Kinesis sequence number. On its own it is no event, and says so.
     */
    @ParameterizedTest
    @MethodSource("kinesisPayloadFixtures")
    void processesKinesisPayloadFixtureAsTheDataOfAKinesisRecord(String name) {
        Recorder recorder = new Recorder();
        StreamProcessor processor = StreamProcessor.builder().handler(recorder).build();
        String sequenceNumber = "49657828409187701520019995242508390119953358325192589314";

        var response = processor.process(Fixtures.kinesisEvent(sequenceNumber, Fixtures.bytes(name)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(recorder.seen).singleElement().satisfies(r -> {
            assertThat(r.eventName()).isEqualTo(KINESIS_PAYLOADS.get(name));
            assertThat(r.sequenceNumber()).isEqualTo(sequenceNumber);
            assertThat(r.eventSource()).contains("aws:dynamodb");
            assertThat(r.tableName()).isPresent();
            assertThat(r.streamViewType()).isEmpty();
            assertThat(r.keys()).isNotEmpty();
            assertThat(r.newImage()).isPresent();
        });
        assertThatThrownBy(() -> processor.process(new ByteArrayInputStream(Fixtures.bytes(name))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("single stream record");
    }

    /** The managed runtime's Kinesis deserializer and the raw JSON give handlers equal records. */
    @Test
    void kinesisEventThroughTheRuntimesDeserializerAgreesWithTheRawJson() {
        byte[] json = Fixtures.bytes("powertools-typescript-kinesis-ddb-change-records.json");
        Recorder fromStream = new Recorder();
        Recorder fromEvent = new Recorder();

        var streamed = StreamProcessor.builder().handler(fromStream).build().process(new ByteArrayInputStream(json));
        var viaRuntime = StreamProcessor.builder()
                .handler(fromEvent)
                .build()
                .process(Fixtures.kinesisViaRuntimeSerializer(json));

        assertThat(streamed.getBatchItemFailures()).isEmpty();
        assertThat(viaRuntime.getBatchItemFailures()).isEmpty();
        assertThat(fromEvent.seen).hasSize(2).isEqualTo(fromStream.seen);
        assertThat(fromStream.seen.get(0).approximateCreationDateTime())
                .contains(Instant.ofEpochMilli(1_731_924_555_370L));
        assertThat(fromStream.seen)
                .extracting(ChangeRecord::sequenceNumber)
                .containsExactly(
                        "49657828409187701520019995242508390119953358325192589314",
                        "49657828409187701520019995242509599045772972954367295490");
        assertThat(fromStream.seen.get(0).tableName())
                .contains("PowertoolsEventsStack-DynamoDBTable59784FC0-8NKAMTERTAXY");
    }

    @ParameterizedTest
    @MethodSource("rejectedFixtures")
    void rejectsFixtureSayingWhatItSaw(String name) {
        StreamProcessor processor =
                StreamProcessor.builder().handler(new Recorder()).build();

        assertThatThrownBy(() -> processor.process(new ByteArrayInputStream(Fixtures.bytes(name))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(REJECTED.get(name));
    }

    /**
     * The processor's parsers, which skip images by scanning for their end, read every published event
     * into the same records as jackson-core's own parser, which tokenizes them.
     */
    @ParameterizedTest
    @MethodSource("processedFixtures")
    void skippingImagesByScanningReadsEveryFixtureAsTokenizingDoes(String name) {
        byte[] json = Fixtures.bytes(name);

        List<ChangeRecord> scanned =
                EventJsonSource.create(InPlaceReaders.NONE, 32).read(json).records();

        assertThat(scanned).isEqualTo(Fixtures.parse(json));
    }

    /**
     * The streaming parser and the managed runtime's deserializer (aws-lambda-java-serialization, then
     * {@code process(DynamodbEvent)}) agree on every record, except that the runtime keeps
     * ApproximateCreationDateTime only to the millisecond (it is a java.util.Date).
     */
    @ParameterizedTest
    @MethodSource("lambdaShapedFixtures")
    void streamingParserAgreesWithRuntimeDeserializer(String name) {
        byte[] json = Fixtures.bytes(name);
        List<ChangeRecord> streamed = Fixtures.parse(json);
        List<ChangeRecord> viaRuntime = DynamodbEventSource.create(32)
                .read(Fixtures.viaRuntimeSerializer(json))
                .records();

        assertThat(viaRuntime).hasSameSizeAs(streamed);
        for (int i = 0; i < streamed.size(); i++) {
            assertThat(viaRuntime.get(i)).isEqualTo(truncateCreationTimeToMillis(streamed.get(i)));
        }
    }

    @Test
    void runtimeDeserializerLosesSubMillisecondCreationTimeWhichTheStreamingParserKeeps() {
        byte[] json = Fixtures.bytes("java-libs-dynamodb-event.json");

        Instant streamed =
                Fixtures.parse(json).get(1).approximateCreationDateTime().orElseThrow();
        Instant viaRuntime = DynamodbEventSource.create(32)
                .read(Fixtures.viaRuntimeSerializer(json))
                .records()
                .get(1)
                .approximateCreationDateTime()
                .orElseThrow();

        assertThat(streamed).isEqualTo(Instant.ofEpochSecond(1_635_734_407L, 123_456_789L));
        assertThat(viaRuntime).isEqualTo(Instant.ofEpochSecond(1_635_734_407L, 123_000_000L));
    }

    @Test
    void bothEntryPointsGiveHandlersEqualRecords() {
        for (String name : lambdaShapedFixtures()) {
            byte[] json = Fixtures.bytes(name);
            Recorder fromStream = new Recorder();
            Recorder fromEvent = new Recorder();
            StreamProcessor.builder().handler(fromStream).build().process(new ByteArrayInputStream(json));
            DynamodbEvent event = Fixtures.viaRuntimeSerializer(json);
            StreamProcessor.builder().handler(fromEvent).build().process(event);

            assertThat(fromEvent.seen)
                    .as(name)
                    .isEqualTo(fromStream.seen.stream()
                            .map(FixturesTest::truncateCreationTimeToMillis)
                            .collect(Collectors.toList()));
        }
    }

    @Test
    void getRecordsResponseInsideTheApiExamplesIsProcessed() throws Exception {
        JsonNode examples =
                new ObjectMapper().readTree(Fixtures.bytes("botocore-dynamodbstreams-examples-getrecords.json"));
        byte[] getRecordsOutput = new ObjectMapper().writeValueAsBytes(examples.at("/examples/GetRecords/0/output"));

        List<ChangeRecord> records = Fixtures.parse(getRecordsOutput);

        assertThat(records)
                .extracting(ChangeRecord::eventName)
                .containsExactly(EventName.INSERT, EventName.MODIFY, EventName.REMOVE);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.streamViewType()).contains(StreamViewType.KEYS_ONLY);
            assertThat(r.oldImage()).isEmpty();
            assertThat(r.newImage()).isEmpty();
            assertThat(r.keys()).isNotEmpty();
        });
        // "ApproximateCreationDateTime": "1.46480646E9", a JSON string in scientific notation.
        assertThat(records.get(0).approximateCreationDateTime()).contains(Instant.ofEpochSecond(1_464_806_460L));
    }

    @Test
    void allTypesFixtureKeepsEveryAttributeType() {
        ChangeRecord record =
                Fixtures.parse(Fixtures.bytes("lambda-go-dynamodb-event.json")).get(1);
        Map<String, AttributeValue> image = record.newImage().orElseThrow();

        assertThat(image.get("String")).isEqualTo(AttributeValue.s("Hello"));
        assertThat(image.get("FloatNumber")).isEqualTo(AttributeValue.n("123.45"));
        assertThat(image.get("IntegerNumber")).isEqualTo(AttributeValue.n("123"));
        assertThat(((AttributeValue.B) image.get("Binary")).value()).containsExactly(0, 1, 42, 65);
        assertThat(((AttributeValue.B) image.get("b2")).value()).containsExactly(0xb5, 0xeb, 0x2d);
        assertThat(image.get("Boolean")).isEqualTo(new AttributeValue.Bool(true));
        assertThat(image.get("Null")).isEqualTo(AttributeValue.Null.INSTANCE);
        assertThat(image.get("List"))
                .isEqualTo(new AttributeValue.L(
                        List.of(AttributeValue.s("Cookies"), AttributeValue.s("Coffee"), AttributeValue.n("3.14159"))));
        assertThat(image.get("Map"))
                .isEqualTo(
                        new AttributeValue.M(Map.of("Name", AttributeValue.s("Joe"), "Age", AttributeValue.n("35"))));
        assertThat(image.get("NumberSet"))
                .isEqualTo(new AttributeValue.NS(List.of(new BigDecimal("1234"), new BigDecimal("567.8"))));
        assertThat(image.get("StringSet")).isEqualTo(new AttributeValue.SS(List.of("Giraffe", "Zebra")));
        assertThat(image.get("EmptyStringSet")).isEqualTo(new AttributeValue.SS(List.of()));
        assertThat(((AttributeValue.BS) image.get("BinarySet")).value()).hasSize(2);
        assertThat(record.tableName()).contains("Example-Table");
        assertThat(record.eventVersion()).contains("1.1");
    }

    @Test
    void creationTimeInEveryPublishedForm() {
        assertThat(creationTimes("java-libs-dynamodb-event.json"))
                .containsExactly(
                        Optional.of(Instant.ofEpochSecond(1_428_537_600L)),
                        Optional.of(Instant.ofEpochSecond(1_635_734_407L, 123_456_789L)),
                        Optional.of(Instant.ofEpochSecond(1_428_537_600L)));
        assertThat(creationTimes("java-libs-dynamodb-event-roundtrip.json"))
                .containsExactly(
                        Optional.of(Instant.ofEpochSecond(1_428_537_600L)),
                        Optional.of(Instant.ofEpochSecond(1_635_734_407L, 123_000_000L)),
                        Optional.of(Instant.ofEpochSecond(1_428_537_600L)));
        assertThat(creationTimes("powertools-python-dynamo-stream-event.json"))
                .containsExactly(Optional.of(Instant.ofEpochSecond(1_693_997_155L)), Optional.empty());
        assertThat(creationTimes("eventbridge-pipes-dynamodb-source-example.json"))
                .containsExactly(Optional.empty(), Optional.empty());
    }

    @Test
    void mixedViewTypesAndIdentities() {
        List<ChangeRecord> mixed = Fixtures.parse(Fixtures.bytes("powertools-typescript-parser-dynamodb-base.json"));
        assertThat(mixed)
                .extracting(r -> r.streamViewType().orElseThrow())
                .containsExactly(StreamViewType.NEW_IMAGE, StreamViewType.NEW_AND_OLD_IMAGES);

        ChangeRecord insert =
                Fixtures.parse(Fixtures.bytes("java-libs-dynamodb-event.json")).get(0);
        assertThat(insert.userIdentity()).contains(UserIdentity.TIME_TO_LIVE);
        // Only a REMOVE can be a Time to Live delete, whatever identity an INSERT carries.
        assertThat(insert.isTimeToLiveDelete()).isFalse();
        assertThat(insert.tableName()).contains("ExampleTableWithStream");
        assertThat(insert.awsRegion()).contains("eu-central-1");
        assertThat(insert.sizeBytes()).hasValue(26);

        ChangeRecord pipes = Fixtures.parse(Fixtures.bytes("eventbridge-pipes-dynamodb-source-example.json"))
                .get(0);
        assertThat(pipes.tableName()).contains("EventSourceTable");
        assertThat(pipes.sequenceNumber()).isEqualTo("111");
    }

    private static List<Optional<Instant>> creationTimes(String name) {
        return Fixtures.parse(Fixtures.bytes(name)).stream()
                .map(ChangeRecord::approximateCreationDateTime)
                .toList();
    }

    private static ChangeRecord truncateCreationTimeToMillis(ChangeRecord record) {
        return record.toBuilder()
                .approximateCreationDateTime(record.approximateCreationDateTime()
                        .map(t -> t.truncatedTo(ChronoUnit.MILLIS))
                        .orElse(null))
                .build();
    }

    /** Records every record it is given, for every event name. */
    static final class Recorder {
        final List<ChangeRecord> seen = new ArrayList<>();

        @OnInsert
        @OnModify
        @OnRemove
        void record(ChangeRecord record) {
            seen.add(record);
        }
    }
}
