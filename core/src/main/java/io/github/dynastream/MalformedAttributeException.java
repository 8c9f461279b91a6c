package io.github.dynastream;

import java.util.Objects;

/**
 * An image attribute is not valid DynamoDB JSON: an unknown type descriptor, a number that is not a
 * number, invalid base64. Fails the record it belongs to.
 */
public final class MalformedAttributeException extends DynastreamException {
    private static final long serialVersionUID = 1L;

    private final String eventId;
    private final String sequenceNumber;
    private final String attribute;
    private final String reason;

    /**
     * @param eventId the record's eventID
     * @param sequenceNumber the record's sequence number
     * @param attribute the attribute path, e.g. {@code NewImage.address.lines[2]}
     * @param reason what is wrong, without the value
     */
    public MalformedAttributeException(String eventId, String sequenceNumber, String attribute, String reason) {
        super("Malformed attribute " + attribute + " in record eventID=" + eventId + ", sequenceNumber="
                + sequenceNumber + ": " + reason);
        this.eventId = eventId;
        this.sequenceNumber = sequenceNumber;
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The record's eventID. */
    public String eventId() {
        return eventId;
    }

    /** The record's sequence number. */
    public String sequenceNumber() {
        return sequenceNumber;
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
