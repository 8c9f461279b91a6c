package io.github.dynastream;

import java.util.Objects;

/**
 * An image attribute is not valid DynamoDB JSON: an unknown type descriptor, a number that is not a
 * number, invalid base64. Fails the record it belongs to.
 */
public final class MalformedAttributeException extends RecordException {
    private static final long serialVersionUID = 1L;

    private final String attribute;
    private final String reason;

    /**
     * @param eventId the record's eventID
     * @param sequenceNumber the record's sequence number
     * @param attribute the attribute path, e.g. {@code NewImage.address.lines[2]}
     * @param reason what is wrong, without the value
     */
    public MalformedAttributeException(String eventId, String sequenceNumber, String attribute, String reason) {
        super(
                eventId,
                sequenceNumber,
                "Malformed attribute " + attribute + " in " + describe(eventId, sequenceNumber) + ": " + reason);
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The attribute path, e.g. {@code NewImage.address.lines[2]}. */
    public String attribute() {
        return attribute;
    }

    /** What is wrong. */
    public String reason() {
        return reason;
    }
}
