package io.github.dynastream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.github.dynastream.internal.DynamoNumbers;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns aws-lambda-java-events' {@link DynamodbEvent} into {@link ChangeRecord}s. Images are converted
 * on first access. The runtime's deserializer has already reduced {@code ApproximateCreationDateTime}
 * to milliseconds; everything else survives.
 */
final class DynamodbEventConverter {
    private static final com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue[] NO_VALUES =
            new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue[0];

    private DynamodbEventConverter() {}

    static List<ChangeRecord> convert(DynamodbEvent event) {
        if (event == null) {
            throw new MalformedEventException("The event is null");
        }
        List<DynamodbEvent.DynamodbStreamRecord> in = event.getRecords();
        if (in == null) {
            throw new MalformedEventException("The event has no \"Records\" list");
        }
        List<ChangeRecord> out = new ArrayList<>(in.size());
        for (DynamodbEvent.DynamodbStreamRecord record : in) {
            out.add(convert(record, out.size()));
        }
        return out;
    }

    private static ChangeRecord convert(DynamodbEvent.DynamodbStreamRecord r, int index) {
        if (r == null) {
            throw new MalformedEventException("Record " + index + " is null");
        }
        String where = "Record " + index + (r.getEventID() == null ? "" : " (eventID=" + r.getEventID() + ")");
        StreamRecord sr = r.getDynamodb();
        if (sr == null) {
            throw new MalformedEventException(where + " has no \"dynamodb\" object");
        }
        if (r.getEventID() == null) {
            throw new MalformedEventException(where + " has no eventID");
        }
        if (sr.getSequenceNumber() == null) {
            throw new MalformedEventException(
                    where + " has no dynamodb.SequenceNumber, so a failure could not be" + " reported for it");
        }
        EventName eventName = parse(EventName.class, r.getEventName(), "eventName", where);
        if (eventName == null) {
            throw new MalformedEventException(where + " has no eventName");
        }
        Identity identity = r.getUserIdentity();
        String eventId = r.getEventID();
        String sequenceNumber = sr.getSequenceNumber();
        return ChangeRecord.builder()
                .eventId(eventId)
                .eventName(eventName)
                .sequenceNumber(sequenceNumber)
                .eventVersion(r.getEventVersion())
                .eventSource(r.getEventSource())
                .awsRegion(r.getAwsRegion())
                .eventSourceArn(r.getEventSourceARN())
                .sizeBytes(sr.getSizeBytes())
                .streamViewType(parse(StreamViewType.class, sr.getStreamViewType(), "StreamViewType", where))
                .approximateCreationDateTime(
                        sr.getApproximateCreationDateTime() == null
                                ? null
                                : sr.getApproximateCreationDateTime().toInstant())
                .userIdentity(identity == null ? null : new UserIdentity(identity.getType(), identity.getPrincipalId()))
                .lazyKeys(sr.getKeys() == null ? Map::of : image(sr.getKeys(), eventId, sequenceNumber, "Keys"))
                .lazyOldImage(image(sr.getOldImage(), eventId, sequenceNumber, "OldImage"))
                .lazyNewImage(image(sr.getNewImage(), eventId, sequenceNumber, "NewImage"))
                .build();
    }

    private static Supplier<Map<String, AttributeValue>> image(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image,
            String eventId,
            String sequenceNumber,
            String name) {
        if (image == null) {
            return null;
        }
        return () -> new Converter(eventId, sequenceNumber).map(image, name);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String where) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(where + ": unknown " + field + " \"" + value + "\"; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private record Converter(String eventId, String sequenceNumber) {
        Map<String, AttributeValue> map(
                Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> in,
                String path) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            in.forEach((name, value) -> out.put(name, value(value, path + "." + name)));
            return Collections.unmodifiableMap(out);
        }

        AttributeValue value(
                com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v, String path) {
            if (v == null) {
                throw malformed(path, "the attribute value is null");
            }
            int types = count(v.getS(), v.getN(), v.getB(), v.getBOOL(), v.getNULL(), v.getM(), v.getL())
                    + count(v.getSS(), v.getNS(), v.getBS());
            if (types > 1) {
                throw malformed(path, "the attribute value has " + types + " types set; DynamoDB gives each one type");
            }
            if (v.getS() != null) {
                return new AttributeValue.S(v.getS());
            }
            if (v.getN() != null) {
                return new AttributeValue.N(number(v.getN(), path));
            }
            if (v.getB() != null) {
                return new AttributeValue.B(bytes(v.getB()));
            }
            if (v.getBOOL() != null) {
                return new AttributeValue.Bool(v.getBOOL());
            }
            if (v.getNULL() != null) {
                return AttributeValue.Null.INSTANCE;
            }
            if (v.getM() != null) {
                return new AttributeValue.M(map(v.getM(), path));
            }
            if (v.getL() != null) {
                List<AttributeValue> list = new ArrayList<>(v.getL().size());
                for (var element : v.getL().toArray(NO_VALUES)) {
                    list.add(value(element, path + "[" + list.size() + "]"));
                }
                return new AttributeValue.L(list);
            }
            if (v.getSS() != null) {
                return new AttributeValue.SS(v.getSS());
            }
            if (v.getNS() != null) {
                List<BigDecimal> numbers = new ArrayList<>(v.getNS().size());
                for (String n : v.getNS()) {
                    numbers.add(number(n, path + "[" + numbers.size() + "]"));
                }
                return new AttributeValue.NS(numbers);
            }
            if (v.getBS() != null) {
                return new AttributeValue.BS(
                        v.getBS().stream().map(Converter::bytes).toList());
            }
            throw malformed(path, "the attribute value has no type set (S, N, B, BOOL, NULL, M, L, SS, NS or BS)");
        }

        private static int count(Object... fields) {
            int set = 0;
            for (Object field : fields) {
                if (field != null) {
                    set++;
                }
            }
            return set;
        }

        private BigDecimal number(String text, String path) {
            String problem = DynamoNumbers.problem(text);
            if (problem != null) {
                throw malformed(path, "N " + problem);
            }
            return new BigDecimal(text);
        }

        private static byte[] bytes(ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return bytes;
        }

        private MalformedAttributeException malformed(String path, String reason) {
            return new MalformedAttributeException(eventId, sequenceNumber, path, reason);
        }
    }
}
