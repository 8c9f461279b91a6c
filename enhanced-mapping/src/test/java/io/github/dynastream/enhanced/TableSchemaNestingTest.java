package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.github.dynastream.MalformedAttributeException;
import io.github.dynastream.OnInsert;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * TableSchema mapping stops at the processor's attribute nesting limit, whether it maps from the
 * event's bytes (while parsing, or later) or from a deserialized event.
 */
class TableSchemaNestingTest {
    private static final String SECRET = "leaf-secret-4711";

    @DynamoDbBean
    public static class Parcel {
        private String id;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }
    }

    private final List<String> handled = new ArrayList<>();
    private final List<RecordOutcome> outcomes = new ArrayList<>();
    private final StreamProcessor processor = StreamProcessor.builder()
            .handler(new Object() {
                @OnInsert
                void on(Parcel parcel) {
                    handled.add(parcel.getId());
                }
            })
            .itemMapper(TableSchemaMapper.create())
            .logBatchSummary(false)
            .listener(new ProcessingListener() {
                @Override
                public void onRecord(RecordOutcome outcome) {
                    outcomes.add(outcome);
                }
            })
            .build();

    /** Maps ({@code lists} false) or lists around a string at {@code levels}. */
    private static String nested(int levels, boolean lists) {
        String open = lists ? "{\"L\":[" : "{\"M\":{\"a\":";
        String close = lists ? "]}" : "}}";
        return open.repeat(levels - 1) + "{\"S\":\"" + SECRET + "\"}" + close.repeat(levels - 1);
    }

    private static String insert(String id, int sequence, String extra) {
        return "{\"eventID\":\"e-" + sequence + "\",\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"id\":{\"S\":\""
                + id + "\"}},\"NewImage\":{\"id\":{\"S\":\"" + id + "\"}" + extra + "},\"SequenceNumber\":\""
                + sequence + "00\",\"StreamViewType\":\"NEW_IMAGE\"}}";
    }

    private StreamsEventResponse processRaw(int levels, boolean lists) {
        String event = "{\"Records\":[" + insert("p-1", 1, "") + ","
                + insert("p-2", 2, ",\"deep\":" + nested(levels, lists)) + "," + insert("p-3", 3, "") + "]}";
        return processor.process(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anImageAtTheLimitIsMappedFromTheEventsBytes(boolean lists) {
        StreamsEventResponse response = processRaw(32, lists);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handled).containsExactly("p-1", "p-2", "p-3");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anImageOneLevelDeeperFailsItsRecordFromTheEventsBytes(boolean lists) {
        StreamsEventResponse response = processRaw(33, lists);

        assertThat(failures(response)).containsExactly("200");
        assertThat(handled).containsExactly("p-1");
        assertThat(outcomes.get(1).cause())
                .isExactlyInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining("NewImage.deep")
                .hasMessageContaining("eventID=e-2")
                .hasMessageNotContaining(SECRET);
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(
            int levels, boolean lists) {
        var value = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(SECRET);
        for (int i = 1; i < levels; i++) {
            var wrapper = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
            value = lists ? wrapper.withL(List.of(value)) : wrapper.withM(Map.of("a", value));
        }
        return value;
    }

    private static DynamodbEvent.DynamodbStreamRecord deserialized(String id, int sequence, int levels) {
        var idValue = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(id);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("e-" + sequence);
        record.setEventName("INSERT");
        StreamRecord dynamodb = new StreamRecord();
        dynamodb.setSequenceNumber(sequence + "00");
        dynamodb.setKeys(Map.of("id", idValue));
        dynamodb.setNewImage(levels == 0 ? Map.of("id", idValue) : Map.of("id", idValue, "deep", value(levels, true)));
        record.setDynamodb(dynamodb);
        return record;
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 10_000})
    void aDeserializedImageBeyondTheLimitFailsItsRecord(int levels) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(deserialized("p-1", 1, 0), deserialized("p-2", 2, levels), deserialized("p-3", 3, 0)));

        StreamsEventResponse response = processor.process(event);

        assertThat(failures(response)).containsExactly("200");
        assertThat(handled).containsExactly("p-1");
        assertThat(outcomes.get(1).cause()).isExactlyInstanceOf(MalformedAttributeException.class);
    }
}
