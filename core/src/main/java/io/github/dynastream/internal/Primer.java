package io.github.dynastream.internal;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.BatchResult;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.PrimingResult;
import io.github.dynastream.RecordException;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.mapping.AttributeValueJson;
import io.github.dynastream.source.DynamodbEventSource;
import io.github.dynastream.source.EventJsonSource;
import io.github.dynastream.source.SourceBatch;
import io.github.dynastream.source.StreamsEventResponses;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Priming, the step before the first batch: synthetic records of every event name, with images made
 * for every handler's item types, go through the steps of a real batch (reading the event JSON and a
 * {@code DynamodbEvent}, dispatch filters, argument resolution with item mapping, building and
 * writing the response) so that their classes are loaded and initialised. No handler method is
 * called, and nothing outside the processor is asked: no idempotency store, order guard, retry,
 * dead-letter sink or listener. Nothing is kept: the synthetic records and their items are dropped.
 * Immutable and thread-safe.
 */
public final class Primer {
    private static final String ARN =
            "arn:aws:dynamodb:us-east-1:000000000000:table/dynastream-priming/stream/2026-01-01T00:00:00.000";
    private static final long CREATED_EPOCH_SECONDS = 1_767_225_600L;
    private static final Map<String, AttributeValue> KEYS = Map.of("id", AttributeValue.s("dynastream-priming"));

    private final Dispatcher dispatcher;

    public Primer(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** One synthetic record: its event name, the item type its images are made for (null: none), TTL. */
    private record Synthetic(EventName eventName, Type itemType, Map<String, AttributeValue> image, boolean ttl) {}

    /** Runs the synthetic records through both sources and the response writer. */
    public PrimingResult prime(EventJsonSource json, DynamodbEventSource events) {
        long start = System.nanoTime();
        List<Synthetic> synthetic = synthetic();
        Set<String> itemTypes = new LinkedHashSet<>();
        Map<String, RecordException> failures = new LinkedHashMap<>();

        SourceBatch fromJson = json.read(eventJson(synthetic).getBytes(StandardCharsets.UTF_8));
        resolve(fromJson.records(), synthetic, itemTypes, failures);
        respond(fromJson, json);

        SourceBatch fromEvent = events.read(dynamodbEvent(synthetic));
        resolve(fromEvent.records(), synthetic, itemTypes, failures);
        respond(fromEvent, json);

        return new PrimingResult(
                fromJson.records().size() + fromEvent.records().size(),
                List.copyOf(itemTypes),
                List.copyOf(failures.values()),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Per event name: a record whose images hold one value of every DynamoDB type (for methods that
     * take the raw image or only the record), one whose images are made for each item type its methods
     * map, and for REMOVE a TTL delete too. Event names nobody handles still get a record: a real
     * batch holds them, and reading them has a cost of its own.
     */
    private List<Synthetic> synthetic() {
        List<Synthetic> records = new ArrayList<>();
        for (EventName name : EventName.values()) {
            records.add(new Synthetic(name, null, everyType(), false));
            Set<Type> types = new LinkedHashSet<>();
            for (Route route : dispatcher.routes(name)) {
                for (Argument argument : route.method().arguments()) {
                    if (argument.type() != null && types.add(argument.type())) {
                        records.add(new Synthetic(name, argument.type(), SyntheticImages.of(argument.type()), false));
                    }
                }
            }
            if (name == EventName.REMOVE) {
                records.add(new Synthetic(name, null, everyType(), true));
            }
        }
        return records;
    }

    private static Map<String, AttributeValue> everyType() {
        Map<String, AttributeValue> image = new LinkedHashMap<>(KEYS);
        image.put("s", AttributeValue.s("dynastream-priming"));
        image.put("n", AttributeValue.n("12345678901234567890.5"));
        image.put("b", new AttributeValue.B(new byte[] {1, 2}));
        image.put("bool", new AttributeValue.Bool(true));
        image.put("null", AttributeValue.Null.INSTANCE);
        image.put("ss", new AttributeValue.SS(List.of("a", "b")));
        image.put("ns", new AttributeValue.NS(List.of(BigDecimal.ONE, BigDecimal.TEN)));
        image.put("bs", new AttributeValue.BS(List.of(new byte[] {1}, new byte[] {2})));
        image.put("l", new AttributeValue.L(List.of(AttributeValue.s("a"), AttributeValue.n("1"))));
        image.put("m", new AttributeValue.M(Map.of("a", AttributeValue.s("a"))));
        return image;
    }

    /**
     * Resolves every argument of every method for each record, as the dispatcher would before calling
     * it, without calling it. A record made for one item type resolves only that type's arguments (and
     * those that need no mapping), so each failure is the type's own.
     */
    private void resolve(
            List<ChangeRecord> records,
            List<Synthetic> synthetic,
            Set<String> itemTypes,
            Map<String, RecordException> failures) {
        for (int i = 0; i < records.size(); i++) {
            ChangeRecord record = records.get(i);
            Type target = synthetic.get(i).itemType();
            Argument.RecordItems items = new Argument.RecordItems();
            for (Route route : dispatcher.routes(record.eventName())) {
                try {
                    route.matches(record);
                } catch (RecordException e) {
                    failures.putIfAbsent(route.method().description() + " filter", e);
                }
                for (Argument argument : route.method().arguments()) {
                    if (argument.type() != null && !argument.type().equals(target)) {
                        continue;
                    }
                    try {
                        argument.resolve(record, items, route.method().description());
                        if (argument.type() != null) {
                            itemTypes.add(argument.type().getTypeName());
                        }
                    } catch (RecordException e) {
                        failures.putIfAbsent(
                                record.eventName() + " " + target + " " + e.getClass() + " " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** Builds and writes the response of a batch whose last record failed, the path a failure takes. */
    private static void respond(SourceBatch batch, EventJsonSource json) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<ChangeRecord> records = batch.records();
        for (int i = 0; i < records.size(); i++) {
            boolean last = i == records.size() - 1;
            outcomes.add(new RecordOutcome(
                    records.get(i),
                    last ? RecordOutcome.Status.FAILED : RecordOutcome.Status.SUCCEEDED,
                    last ? new IllegalStateException("synthetic failure of a priming record") : null,
                    Duration.ZERO));
        }
        BatchResult result = new BatchResult(outcomes, Duration.ZERO);
        StreamsEventResponses.writeJson(
                StreamsEventResponses.INSTANCE.toResponse(batch, result),
                OutputStream.nullOutputStream(),
                json.jsonFactory());
    }

    private static String eventJson(List<Synthetic> synthetic) {
        StringBuilder json = new StringBuilder(1024).append("{\"Records\":[");
        for (int i = 0; i < synthetic.size(); i++) {
            Synthetic s = synthetic.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"eventID\":\"")
                    .append(eventId(i))
                    .append("\",\"eventName\":\"")
                    .append(s.eventName().name())
                    .append(
                            "\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\",");
            if (s.ttl()) {
                json.append("\"userIdentity\":{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"},");
            }
            json.append("\"dynamodb\":{\"ApproximateCreationDateTime\":")
                    .append(CREATED_EPOCH_SECONDS)
                    .append(",\"Keys\":")
                    .append(AttributeValueJson.toJson(KEYS));
            if (s.eventName() != EventName.INSERT) {
                json.append(",\"OldImage\":").append(AttributeValueJson.toJson(s.image()));
            }
            if (s.eventName() != EventName.REMOVE) {
                json.append(",\"NewImage\":").append(AttributeValueJson.toJson(s.image()));
            }
            json.append(",\"SequenceNumber\":\"")
                    .append(sequenceNumber(i))
                    .append("\",\"SizeBytes\":100,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},\"eventSourceARN\":\"")
                    .append(ARN)
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    private static DynamodbEvent dynamodbEvent(List<Synthetic> synthetic) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (int i = 0; i < synthetic.size(); i++) {
            Synthetic s = synthetic.get(i);
            StreamRecord stream = new StreamRecord()
                    .withApproximateCreationDateTime(new Date(CREATED_EPOCH_SECONDS * 1000))
                    .withKeys(toEvent(KEYS))
                    .withSequenceNumber(sequenceNumber(i))
                    .withSizeBytes(100L)
                    .withStreamViewType(
                            com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                                    .NEW_AND_OLD_IMAGES);
            if (s.eventName() != EventName.INSERT) {
                stream.setOldImage(toEvent(s.image()));
            }
            if (s.eventName() != EventName.REMOVE) {
                stream.setNewImage(toEvent(s.image()));
            }
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(eventId(i));
            record.setEventName(s.eventName().name());
            record.setEventVersion("1.1");
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion("us-east-1");
            record.setEventSourceARN(ARN);
            record.setDynamodb(stream);
            if (s.ttl()) {
                record.setUserIdentity(new Identity().withType("Service").withPrincipalId("dynamodb.amazonaws.com"));
            }
            records.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toEvent(
            Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out =
                new LinkedHashMap<>();
        image.forEach((name, value) -> out.put(name, toEvent(value)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toEvent(
            AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (value instanceof AttributeValue.S s) {
            return out.withS(s.value());
        }
        if (value instanceof AttributeValue.N n) {
            return out.withN(n.value().toPlainString());
        }
        if (value instanceof AttributeValue.B b) {
            return out.withB(ByteBuffer.wrap(b.value()));
        }
        if (value instanceof AttributeValue.Bool bool) {
            return out.withBOOL(bool.value());
        }
        if (value instanceof AttributeValue.Null) {
            return out.withNULL(true);
        }
        if (value instanceof AttributeValue.M m) {
            return out.withM(toEvent(m.value()));
        }
        if (value instanceof AttributeValue.L l) {
            List<com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> members =
                    new ArrayList<>();
            for (AttributeValue member : l.value()) {
                members.add(toEvent(member));
            }
            return out.withL(members);
        }
        if (value instanceof AttributeValue.SS ss) {
            return out.withSS(ss.value());
        }
        if (value instanceof AttributeValue.NS ns) {
            List<String> members = new ArrayList<>();
            for (BigDecimal member : ns.value()) {
                members.add(member.toPlainString());
            }
            return out.withNS(members);
        }
        List<ByteBuffer> members = new ArrayList<>();
        for (byte[] member : ((AttributeValue.BS) value).value()) {
            members.add(ByteBuffer.wrap(member));
        }
        return out.withBS(members);
    }

    private static String eventId(int index) {
        return "dynastream-priming-" + index;
    }

    /** 21 digits, as DynamoDB's; built by hand, as a formatter would load classes no batch needs. */
    private static String sequenceNumber(int index) {
        String digits = Integer.toString(index + 1);
        return "0".repeat(21 - digits.length()) + digits;
    }
}
