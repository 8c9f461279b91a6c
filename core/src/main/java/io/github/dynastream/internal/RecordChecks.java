package io.github.dynastream.internal;

import io.github.dynastream.MalformedEventException;
import java.util.Arrays;

/**
 * The checks every reader of records (raw Lambda JSON, the runtime's {@code DynamodbEvent}, Streams
 * API records) makes of a record's fields, written once so that they say the same.
 */
public final class RecordChecks {
    private RecordChecks() {}

    /** The enum constant a field names; null if the field is absent. */
    public static <E extends Enum<E>> E enumValue(
            Class<E> type, String value, int index, String eventId, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(
                    index,
                    eventId,
                    field,
                    "is \"" + value + "\", which is not one of " + Arrays.toString(type.getEnumConstants()),
                    null);
        }
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
}
