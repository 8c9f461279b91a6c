package io.github.dynastream;

import java.util.Objects;

/**
 * An image attribute is not valid DynamoDB JSON: an unknown type descriptor, a number that is not a
 * number, invalid base64, maps and lists nested deeper than the processor allows ({@link
 * StreamProcessor.Builder#maxNestingDepth(int)}). Fails the record it belongs to.
 *
 * <p>The constructor is public because a {@link io.github.dynastream.source.ChangeSource} (the source
 * seam is public: dynastream-enhanced-mapping and dynastream-kcl plug into it, and so can a source of
 * your own) reports an unreadable attribute with it.
 *
 * <pre>{@code
 * throw new MalformedAttributeException(eventId, sequenceNumber, "NewImage.total", "N is not a number");
 * }</pre>
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

    /**
     * An attribute nested deeper than the processor allows: it is at level {@code maxNestingDepth + 1}
     * (a top-level attribute is level 1, each map or list adds one).
     */
    public static MalformedAttributeException tooDeep(
            String eventId, String sequenceNumber, String attribute, int maxNestingDepth) {
        return new MalformedAttributeException(
                eventId,
                sequenceNumber,
                attribute,
                "maps and lists are nested deeper than " + maxNestingDepth
                        + " levels (a top-level attribute is level 1; DynamoDB allows 32;"
                        + " StreamProcessor.Builder.maxNestingDepth sets the limit)");
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
