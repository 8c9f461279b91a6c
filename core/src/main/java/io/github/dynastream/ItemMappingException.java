package io.github.dynastream;

import java.util.Objects;

/**
 * An image could not be mapped to the handler's item type: a wrong-typed attribute, a value the
 * target type rejects. The message names the attribute and the target type, never the value.
 *
 * <p>The constructor is public because an {@code ItemMapper} or {@code ItemReader} of your own reports
 * its mapping failures with it; the processor adds the record ({@link #forRecord}).
 *
 * <pre>{@code
 * throw new ItemMappingException("address.zip", "java.lang.Integer", "expected a number (N) but was S");
 * }</pre>
 */
public final class ItemMappingException extends RecordException {
    private static final long serialVersionUID = 1L;

    private final String attribute;
    private final String targetType;
    private final String reason;

    /**
     * Creates one without a record, as an {@code ItemReader} does; the processor adds the record with
     * {@link #forRecord(String, String, String)}.
     *
     * @param attribute the attribute path, e.g. {@code address.zip}, or {@code ""} for the whole item
     * @param targetType the Java type the attribute was to become
     * @param reason what went wrong, without the value
     */
    public ItemMappingException(String attribute, String targetType, String reason) {
        this(null, null, attribute, targetType, reason);
    }

    private ItemMappingException(
            String eventId, String sequenceNumber, String attribute, String targetType, String reason) {
        super(eventId, sequenceNumber, message(eventId, sequenceNumber, attribute, targetType, reason));
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.targetType = Objects.requireNonNull(targetType, "targetType");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String message(
            String eventId, String sequenceNumber, String attribute, String targetType, String reason) {
        String where = attribute.isEmpty() ? "item" : "attribute " + attribute;
        String record = eventId == null ? "" : " of " + describe(eventId, sequenceNumber);
        return "Cannot map " + where + record + " to " + targetType + ": " + reason;
    }

    /**
     * The same failure, naming the record and image it happened in.
     *
     * @param image {@code "NewImage"} or {@code "OldImage"}; prefixes the attribute path
     */
    public ItemMappingException forRecord(String eventId, String sequenceNumber, String image) {
        String path = attribute.isEmpty() ? image : image + "." + attribute;
        ItemMappingException withRecord = new ItemMappingException(eventId, sequenceNumber, path, targetType, reason);
        withRecord.setStackTrace(getStackTrace());
        return withRecord;
    }

    /** The attribute path ({@code NewImage.address.zip} once the record is known), or {@code ""}. */
    public String attribute() {
        return attribute;
    }

    /** The Java type the attribute was to become. */
    public String targetType() {
        return targetType;
    }

    /** What went wrong. */
    public String reason() {
        return reason;
    }
}
