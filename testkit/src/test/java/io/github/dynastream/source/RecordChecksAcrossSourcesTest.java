package io.github.dynastream.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.enhanced.StreamsApiRecords;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** One implementation of the record checks: every source rejects the same defect in the same words. */
class RecordChecksAcrossSourcesTest {

    /** eventID, eventName, SequenceNumber, StreamViewType of one record, as each source gets them. */
    private record Defect(String eventId, String eventName, String sequenceNumber, String viewType) {
        String json() {
            StringBuilder dynamodb = new StringBuilder("{\"Keys\":{}");
            if (sequenceNumber != null) {
                dynamodb.append(",\"SequenceNumber\":\"").append(sequenceNumber).append('"');
            }
            if (viewType != null) {
                dynamodb.append(",\"StreamViewType\":\"").append(viewType).append('"');
            }
            dynamodb.append('}');
            return "{\"Records\":[{" + (eventId == null ? "" : "\"eventID\":\"" + eventId + "\",")
                    + (eventName == null ? "" : "\"eventName\":\"" + eventName + "\",") + "\"dynamodb\":" + dynamodb
                    + "}]}";
        }

        /** As the managed runtime deserializes the JSON: the one way to get a view type it does not know. */
        DynamodbEvent event() {
            return LambdaEventSerializers.serializerFor(
                            DynamodbEvent.class, getClass().getClassLoader())
                    .fromJson(new ByteArrayInputStream(json().getBytes(StandardCharsets.UTF_8)));
        }

        Record apiRecord() {
            return Record.builder()
                    .eventID(eventId)
                    .eventName(eventName)
                    .dynamodb(
                            d -> d.keys(Map.of()).sequenceNumber(sequenceNumber).streamViewType(viewType))
                    .build();
        }
    }

    /** What each source says; the runtime's deserializer rejects a view type it does not know before any source. */
    private static List<String> messages(Defect defect) {
        List<String> messages = new java.util.ArrayList<>();
        messages.add(catchThrowableOfType(
                        MalformedEventException.class,
                        () -> EventJsonSource.create(InPlaceReaders.NONE, 32)
                                .read(defect.json().getBytes(StandardCharsets.UTF_8)))
                .getMessage());
        if (defect.viewType() == null) {
            DynamodbEvent event = defect.event();
            messages.add(catchThrowableOfType(
                            MalformedEventException.class,
                            () -> DynamodbEventSource.create(32).read(event))
                    .getMessage());
        }
        messages.add(catchThrowableOfType(
                        MalformedEventException.class,
                        () -> StreamsApiRecords.toChangeRecords(List.of(defect.apiRecord()), null))
                .getMessage());
        return messages;
    }

    @Test
    void everySourceSaysTheSameAboutTheSameDefect() {
        Map<Defect, String> defects = Map.of(
                new Defect(null, "INSERT", "1", null), "Record 0: eventID is missing",
                new Defect("e-1", "INSERT", null, null),
                        "Record 0 (eventID=e-1): dynamodb.SequenceNumber is missing, so a failure of this record"
                                + " could not be reported",
                new Defect("e-1", null, "1", null), "Record 0 (eventID=e-1): eventName is missing",
                new Defect("e-1", "UPSERT", "1", null),
                        "Record 0 (eventID=e-1): eventName is \"UPSERT\", which is not one of [INSERT, MODIFY, REMOVE]",
                new Defect("e-1", "INSERT", "1", "ALL"),
                        "Record 0 (eventID=e-1): dynamodb.StreamViewType is \"ALL\", which is not one of [KEYS_ONLY,"
                                + " NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES]");
        defects.forEach((defect, message) ->
                assertThat(messages(defect)).as("%s", defect).containsOnly(message));
    }
}
