package io.github.dynastream;

/**
 * A handler method needs an image the record does not carry: an item parameter on a KEYS_ONLY
 * stream, a {@code Change} on a MODIFY from a NEW_IMAGE stream, a {@code changed} filter without
 * both images. Fails that record; change the stream's view type or the method.
 */
public final class MissingImageException extends DynastreamException {
    private static final long serialVersionUID = 1L;

    private final String eventId;
    private final String sequenceNumber;
    private final String image;
    private final StreamViewType streamViewType;

    /**
     * @param eventId the record's eventID
     * @param sequenceNumber the record's sequence number
     * @param image {@code "OldImage"} or {@code "NewImage"}
     * @param streamViewType the record's view type, or null if it did not say
     * @param neededBy the method that needs it, e.g. {@code OrderEvents.created(Order)}
     */
    public MissingImageException(
            String eventId, String sequenceNumber, String image, StreamViewType streamViewType, String neededBy) {
        super(neededBy + " needs the " + image + " but record eventID=" + eventId + ", sequenceNumber="
                + sequenceNumber + " has none (StreamViewType "
                + (streamViewType == null ? "not given" : streamViewType.name())
                + "); use a stream view type that includes it or take a parameter that does not need it");
        this.eventId = eventId;
        this.sequenceNumber = sequenceNumber;
        this.image = image;
        this.streamViewType = streamViewType;
    }

    /** The record's eventID. */
    public String eventId() {
        return eventId;
    }

    /** The record's sequence number. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** {@code "OldImage"} or {@code "NewImage"}. */
    public String image() {
        return image;
    }

    /** The record's view type, or null if it did not say. */
    public StreamViewType streamViewType() {
        return streamViewType;
    }
}
