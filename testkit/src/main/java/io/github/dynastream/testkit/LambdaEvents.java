package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.mapping.AttributeValueJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes records in the two forms a Lambda function receives: event JSON and {@link DynamodbEvent}.
 * {@link TimeWindowEvent} writes the tumbling-window shape around the same records.
 */
final class LambdaEvents {
    private static final JsonFactory JSON = new JsonFactory();

    private LambdaEvents() {}

    static byte[] toJson(List<ChangeRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            for (ChangeRecord record : records) {
                writeRecord(out, record);
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void writeRecord(JsonGenerator out, ChangeRecord r) throws IOException {
        out.writeStartObject();
        out.writeStringField("eventID", r.eventId());
        out.writeStringField("eventName", r.eventName().name());
        writeOptional(out, "eventVersion", r.eventVersion().orElse(null));
        writeOptional(out, "eventSource", r.eventSource().orElse(null));
        writeOptional(out, "awsRegion", r.awsRegion().orElse(null));
        if (r.userIdentity().isPresent()) {
            out.writeObjectFieldStart("userIdentity");
            writeOptional(out, "type", r.userIdentity().get().type());
            writeOptional(out, "principalId", r.userIdentity().get().principalId());
            out.writeEndObject();
        }
        out.writeObjectFieldStart("dynamodb");
        if (r.approximateCreationDateTime().isPresent()) {
            out.writeFieldName("ApproximateCreationDateTime");
            writeEpochSeconds(out, r.approximateCreationDateTime().get());
        }
        out.writeFieldName("Keys");
        writeImage(out, r.keys());
        if (r.newImage().isPresent()) {
            out.writeFieldName("NewImage");
            writeImage(out, r.newImage().get());
        }
        if (r.oldImage().isPresent()) {
            out.writeFieldName("OldImage");
            writeImage(out, r.oldImage().get());
        }
        out.writeStringField("SequenceNumber", r.sequenceNumber());
        if (r.sizeBytes().isPresent()) {
            out.writeNumberField("SizeBytes", r.sizeBytes().getAsLong());
        }
        if (r.streamViewType().isPresent()) {
            out.writeStringField("StreamViewType", r.streamViewType().get().name());
        }
        out.writeEndObject();
        writeOptional(out, "eventSourceARN", r.eventSourceArn().orElse(null));
        out.writeEndObject();
    }

    private static void writeEpochSeconds(JsonGenerator out, Instant time) throws IOException {
        if (time.getNano() == 0) {
            out.writeNumber(time.getEpochSecond());
        } else {
            out.writeNumber(BigDecimal.valueOf(time.getEpochSecond())
                    .add(BigDecimal.valueOf(time.getNano(), 9))
                    .stripTrailingZeros());
        }
    }

    private static void writeOptional(JsonGenerator out, String field, String value) throws IOException {
        if (value != null) {
            out.writeStringField(field, value);
        }
    }

    static void writeImage(JsonGenerator out, Map<String, AttributeValue> image) throws IOException {
        AttributeValueJson.writeItem(out, image);
    }

    static DynamodbEvent toDynamodbEvent(List<ChangeRecord> records) {
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>(records.size());
        for (ChangeRecord r : records) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(r.eventId());
            record.setEventName(r.eventName().name());
            record.setEventVersion(r.eventVersion().orElse(null));
            record.setEventSource(r.eventSource().orElse(null));
            record.setAwsRegion(r.awsRegion().orElse(null));
            record.setEventSourceARN(r.eventSourceArn().orElse(null));
            r.userIdentity().ifPresent(identity -> {
                Identity id = new Identity();
                id.setType(identity.type());
                id.setPrincipalId(identity.principalId());
                record.setUserIdentity(id);
            });
            StreamRecord stream = new StreamRecord();
            r.approximateCreationDateTime().ifPresent(time -> stream.setApproximateCreationDateTime(Date.from(time)));
            stream.setKeys(toEvents(r.keys()));
            r.newImage().ifPresent(image -> stream.setNewImage(toEvents(image)));
            r.oldImage().ifPresent(image -> stream.setOldImage(toEvents(image)));
            stream.setSequenceNumber(r.sequenceNumber());
            r.sizeBytes().ifPresent(size -> stream.setSizeBytes(size));
            r.streamViewType()
                    .ifPresent(view -> stream.setStreamViewType(
                            com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.valueOf(
                                    view.name())));
            record.setDynamodb(stream);
            out.add(record);
        }
        DynamodbEvent event = new ShardBatchEvent(records);
        event.setRecords(out);
        return event;
    }

    /**
     * The event the mapping gives a function, which remembers the records it was made of, so that a
     * {@link StreamHandlerFunction} writes the event JSON from them: without a round trip through
     * {@code java.util.Date}, which would cut creation times to the millisecond.
     */
    static final class ShardBatchEvent extends DynamodbEvent {
        private final transient List<ChangeRecord> changeRecords;

        ShardBatchEvent(List<ChangeRecord> records) {
            this.changeRecords = List.copyOf(records);
        }

        List<ChangeRecord> changeRecords() {
            return changeRecords;
        }
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toEvents(
            Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out =
                new LinkedHashMap<>();
        image.forEach((name, value) -> out.put(name, toEvents(value)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toEvents(
            AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (value instanceof AttributeValue.S s) {
            out.setS(s.value());
        } else if (value instanceof AttributeValue.N n) {
            out.setN(n.value().toString());
        } else if (value instanceof AttributeValue.B b) {
            out.setB(ByteBuffer.wrap(b.value()));
        } else if (value instanceof AttributeValue.Bool bool) {
            out.setBOOL(bool.value());
        } else if (value instanceof AttributeValue.Null) {
            out.setNULL(true);
        } else if (value instanceof AttributeValue.M m) {
            out.setM(toEvents(m.value()));
        } else if (value instanceof AttributeValue.L l) {
            out.setL(l.value().stream().map(LambdaEvents::toEvents).toList());
        } else if (value instanceof AttributeValue.SS ss) {
            out.setSS(ss.value());
        } else if (value instanceof AttributeValue.NS ns) {
            out.setNS(ns.value().stream().map(BigDecimal::toString).toList());
        } else if (value instanceof AttributeValue.BS bs) {
            out.setBS(bs.value().stream().map(ByteBuffer::wrap).toList());
        }
        return out;
    }
}
