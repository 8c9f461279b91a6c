package io.github.dynastream.source;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.MalformedAttributeException;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.UserIdentity;
import io.github.dynastream.internal.DynamoNumbers;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The source adapter for aws-lambda-java-events' {@link DynamodbEvent} (what the managed runtime
 * hands a {@code RequestHandler<DynamodbEvent, ...>}): turns it into {@link ChangeRecord}s. Images are converted
 * on first access. The runtime's deserializer has already reduced {@code ApproximateCreationDateTime}
 * to milliseconds; everything else survives.
 *
 * <p>Maps and lists nested deeper than the limit fail the record when its image is converted. The
 * limit is checked before each value is entered, so however deep the objects go (they may be built
 * by code, not parsed), the conversion recurses no deeper than the limit.
 *
 * <pre>{@code
 * List<ChangeRecord> records = DynamodbEventSource.create(32).read(event).records();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DynamodbEventSource implements ChangeSource<DynamodbEvent> {
    private static final com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue[] NO_VALUES =
            new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue[0];

    private final int maxNestingDepth;

    private DynamodbEventSource(int maxNestingDepth) {
        this.maxNestingDepth = maxNestingDepth;
    }

    /**
     * @param maxNestingDepth the deepest attribute level an image may have when it is read, a
     *     top-level attribute being level 1
     */
    public static DynamodbEventSource create(int maxNestingDepth) {
        return new DynamodbEventSource(maxNestingDepth);
    }

    /**
     * Converts the event's records, in order.
     *
     * @throws MalformedEventException if the event is null, has no records list, or a record lacks
     *     what {@link RecordChecks#streamRecord} requires
     */
    @Override
    public SourceBatch read(DynamodbEvent event) {
        return SourceBatch.of(convert(event, maxNestingDepth));
    }

    private static List<ChangeRecord> convert(DynamodbEvent event, int maxNestingDepth) {
        if (event == null) {
            throw new MalformedEventException("The event is null");
        }
        List<DynamodbEvent.DynamodbStreamRecord> in = event.getRecords();
        if (in == null) {
            throw new MalformedEventException("The event has no \"Records\" list");
        }
        List<ChangeRecord> out = new ArrayList<>(in.size());
        for (DynamodbEvent.DynamodbStreamRecord record : in) {
            out.add(convert(record, out.size(), maxNestingDepth));
        }
        return out;
    }

    private static ChangeRecord convert(DynamodbEvent.DynamodbStreamRecord r, int index, int maxNestingDepth) {
        if (r == null) {
            throw new MalformedEventException(index, null, null, "is null", null);
        }
        String eventId = r.getEventID();
        StreamRecord sr = r.getDynamodb();
        RecordChecks.Checked checked = RecordChecks.streamRecord(
                index,
                sr != null,
                eventId,
                r.getEventName(),
                sr == null ? null : sr.getSequenceNumber(),
                sr == null ? null : sr.getStreamViewType());
        Identity identity = r.getUserIdentity();
        String sequenceNumber = sr.getSequenceNumber();
        Converter converter = new Converter(eventId, sequenceNumber, maxNestingDepth);
        return ChangeRecord.builder()
                .eventId(eventId)
                .eventName(checked.eventName())
                .sequenceNumber(sequenceNumber)
                .eventVersion(r.getEventVersion())
                .eventSource(r.getEventSource())
                .awsRegion(r.getAwsRegion())
                .eventSourceArn(r.getEventSourceARN())
                .sizeBytes(sr.getSizeBytes())
                .streamViewType(checked.streamViewType())
                .approximateCreationDateTime(
                        sr.getApproximateCreationDateTime() == null
                                ? null
                                : sr.getApproximateCreationDateTime().toInstant())
                .userIdentity(identity == null ? null : new UserIdentity(identity.getType(), identity.getPrincipalId()))
                .lazyKeys(sr.getKeys() == null ? Map::of : image(converter, sr.getKeys(), "Keys"))
                .lazyOldImage(image(converter, sr.getOldImage(), "OldImage"))
                .lazyNewImage(image(converter, sr.getNewImage(), "NewImage"))
                .build();
    }

    private static Supplier<Map<String, AttributeValue>> image(
            Converter converter,
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image,
            String name) {
        if (image == null) {
            return null;
        }
        return () -> converter.map(image, name, 1);
    }

    private record Converter(String eventId, String sequenceNumber, int maxNestingDepth) {
        /** The attributes of an image or an {@code M}; {@code level} is that of its members. */
        Map<String, AttributeValue> map(
                Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> in,
                String path,
                int level) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
                    attribute : in.entrySet()) {
                String name = attribute.getKey();
                out.put(name, value(attribute.getValue(), path + "." + name, level));
            }
            return Collections.unmodifiableMap(out);
        }

        AttributeValue value(
                com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v, String path, int level) {
            if (level > maxNestingDepth) {
                throw MalformedAttributeException.tooDeep(eventId, sequenceNumber, path, maxNestingDepth);
            }
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
                return new AttributeValue.M(map(v.getM(), path, level + 1));
            }
            if (v.getL() != null) {
                List<AttributeValue> list = new ArrayList<>(v.getL().size());
                for (var element : v.getL().toArray(NO_VALUES)) {
                    list.add(value(element, path + "[" + list.size() + "]", level + 1));
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
