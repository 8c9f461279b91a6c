package io.github.dynastream.source;

import io.github.dynastream.EventName;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.StreamViewType;
import java.util.Arrays;

/**
 * The checks every source adapter makes of a record's identifying fields ({@code eventID}, {@code
 * SequenceNumber}, {@code eventName}, {@code StreamViewType}), written once so that every source
 * rejects the same things with the same words. Each failure is a {@link MalformedEventException}
 * naming the record (its index, and its eventID once known) and the field, never an attribute value.
 *
 * <pre>{@code
 * RecordChecks.Checked checked = RecordChecks.streamRecord(
 *         index, record.dynamodb() != null, record.eventID(), record.eventNameAsString(),
 *         sequenceNumber, viewType);
 * ChangeRecord.builder().eventId(record.eventID()).eventName(checked.eventName()) ...
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordChecks {
    /** Where a Kinesis record carries its DynamoDB change record. */
    static final String KINESIS_PAYLOAD = "kinesis.data";

    private static final String DYNAMODB_EVENT_SOURCE = "aws:dynamodb";

    private RecordChecks() {}

    /**
     * The checked fields of one record.
     *
     * @param eventName the event name
     * @param streamViewType the view type, or null if the record gave none
     */
    public record Checked(EventName eventName, StreamViewType streamViewType) {
        /** Every combination, made once: checking a record creates nothing. */
        private static final Checked[][] ALL = all();

        private static Checked[][] all() {
            EventName[] names = EventName.values();
            StreamViewType[] types = StreamViewType.values();
            Checked[][] all = new Checked[names.length][types.length + 1];
            for (EventName name : names) {
                all[name.ordinal()][types.length] = new Checked(name, null);
                for (StreamViewType type : types) {
                    all[name.ordinal()][type.ordinal()] = new Checked(name, type);
                }
            }
            return all;
        }

        static Checked of(EventName eventName, StreamViewType streamViewType) {
            Checked[] byType = ALL[eventName.ordinal()];
            return byType[streamViewType == null ? byType.length - 1 : streamViewType.ordinal()];
        }
    }

    /**
     * Checks a DynamoDB stream record, in this order: it is a stream record at all, it has its {@code
     * dynamodb} object, an eventID, a sequence number and a known event name; a view type, if given,
     * is known.
     *
     * @param index the record's position in the event or page, from 0
     * @param hasStreamRecord whether the record has its {@code dynamodb} object
     * @param sequenceNumber {@code dynamodb.SequenceNumber}
     * @param streamViewType {@code dynamodb.StreamViewType}, or null
     * @throws MalformedEventException naming the record and the first field that is wrong
     */
    public static Checked streamRecord(
            int index,
            boolean hasStreamRecord,
            String eventId,
            String eventName,
            String sequenceNumber,
            String streamViewType) {
        if (!hasStreamRecord && eventId == null && eventName == null) {
            throw notAStreamRecord(index);
        }
        if (!hasStreamRecord) {
            throw missing(index, eventId, "dynamodb", "");
        }
        eventId(index, eventId);
        if (sequenceNumber == null) {
            throw missing(
                    index, eventId, "dynamodb.SequenceNumber", ", so a failure of this record could not be reported");
        }
        return Checked.of(eventName(index, eventId, eventName), streamViewType(index, eventId, streamViewType));
    }

    /**
     * Checks the DynamoDB change record a Kinesis record carries (Kinesis Data Streams for DynamoDB),
     * in the same order as {@link #streamRecord}, except that the payload has no sequence number of
     * its own (the Kinesis record's is used) and must come from {@code aws:dynamodb}. Fields are
     * named by their path from the Kinesis record ({@code kinesis.data.eventName}), and messages name
     * the Kinesis sequence number.
     *
     * @param index the Kinesis record's position in the event, from 0
     * @param sequenceNumber the Kinesis record's {@code kinesis.sequenceNumber}
     * @param eventSource the payload's {@code eventSource}, or null
     * @throws MalformedEventException naming the record and the first field that is wrong
     */
    public static Checked kinesisPayload(
            int index,
            String sequenceNumber,
            boolean hasStreamRecord,
            String eventId,
            String eventName,
            String eventSource) {
        if (!hasStreamRecord && eventId == null && eventName == null) {
            throw new MalformedEventException(
                    index,
                    sequenceNumber,
                    null,
                    KINESIS_PAYLOAD,
                    "has none of a DynamoDB change record's fields (eventID, eventName, dynamodb);"
                            + " is this Kinesis stream fed by Kinesis Data Streams for DynamoDB?",
                    null);
        }
        if (eventSource != null && !DYNAMODB_EVENT_SOURCE.equals(eventSource)) {
            throw new MalformedEventException(
                    index,
                    sequenceNumber,
                    eventId,
                    KINESIS_PAYLOAD + ".eventSource",
                    "is \"" + eventSource + "\", expected \"" + DYNAMODB_EVENT_SOURCE
                            + "\": the Kinesis record does not carry a DynamoDB change record",
                    null);
        }
        if (!hasStreamRecord) {
            throw new MalformedEventException(
                    index, sequenceNumber, eventId, KINESIS_PAYLOAD + ".dynamodb", "is missing", null);
        }
        if (eventId == null) {
            throw new MalformedEventException(
                    index, sequenceNumber, null, KINESIS_PAYLOAD + ".eventID", "is missing", null);
        }
        EventName name =
                enumValue(EventName.class, eventName, index, sequenceNumber, eventId, KINESIS_PAYLOAD + ".eventName");
        if (name == null) {
            throw new MalformedEventException(
                    index, sequenceNumber, eventId, KINESIS_PAYLOAD + ".eventName", "is missing", null);
        }
        return Checked.of(name, null);
    }

    /**
     * The eventID, which must be present.
     *
     * @throws MalformedEventException if it is null
     */
    public static String eventId(int index, String eventId) {
        if (eventId == null) {
            throw missing(index, null, "eventID", "");
        }
        return eventId;
    }

    /**
     * The event name, which must be present and one of INSERT, MODIFY, REMOVE.
     *
     * @throws MalformedEventException if it is null or another name
     */
    public static EventName eventName(int index, String eventId, String eventName) {
        EventName name = enumValue(EventName.class, eventName, index, null, eventId, "eventName");
        if (name == null) {
            throw missing(index, eventId, "eventName", "");
        }
        return name;
    }

    /**
     * The view type, if the record gives one.
     *
     * @return null if {@code streamViewType} is null
     * @throws MalformedEventException if it is not one of the four view types
     */
    public static StreamViewType streamViewType(int index, String eventId, String streamViewType) {
        return enumValue(StreamViewType.class, streamViewType, index, null, eventId, "dynamodb.StreamViewType");
    }

    /**
     * A required field that is absent.
     *
     * @param consequence what its absence means, appended to "is missing" (may be empty)
     */
    public static MalformedEventException missing(int index, String eventId, String field, String consequence) {
        return new MalformedEventException(index, eventId, field, "is missing" + consequence, null);
    }

    /** A record with none of a stream record's fields: most likely not a stream event at all. */
    public static MalformedEventException notAStreamRecord(int index) {
        return new MalformedEventException(
                index,
                null,
                null,
                "has none of a stream record's fields (eventID, eventName, dynamodb); is this a DynamoDB stream event?",
                null);
    }

    /**
     * The enum constant a field names; null if the field is absent.
     *
     * @param sequenceNumber the record's sequence number, for a message that names it, or null
     * @throws MalformedEventException if the value names no constant, listing them
     */
    public static <E extends Enum<E>> E enumValue(
            Class<E> type, String value, int index, String sequenceNumber, String eventId, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(
                    index,
                    sequenceNumber,
                    eventId,
                    field,
                    "is \"" + value + "\", which is not one of " + Arrays.toString(type.getEnumConstants()),
                    null);
        }
    }
}
