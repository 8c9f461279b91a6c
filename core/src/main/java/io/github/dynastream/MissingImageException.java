package io.github.dynastream;

/**
 * A handler method needs an image the record does not carry: an item parameter on a KEYS_ONLY
 * stream, a {@code Change} on a MODIFY from a NEW_IMAGE stream, a {@code changed} filter without
 * both images. Fails that record; change the stream's view type or the method. Only dynastream
 * raises it (the constructor is package-private).
 */
public final class MissingImageException extends RecordException {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final StreamViewType streamViewType;

    /**
     * @param eventId the record's eventID
     * @param sequenceNumber the record's sequence number
     * @param image {@code "OldImage"} or {@code "NewImage"}
     * @param streamViewType the record's view type, or null if it did not say
     * @param neededBy the method that needs it, e.g. {@code OrderEvents.created(Order)}
     */
    MissingImageException(
            String eventId, String sequenceNumber, String image, StreamViewType streamViewType, String neededBy) {
        super(
                eventId,
                sequenceNumber,
                neededBy + " needs the " + image + " but " + describe(eventId, sequenceNumber)
                        + " has none (StreamViewType "
                        + (streamViewType == null ? "not given" : streamViewType.name())
                        + "); use a stream view type that includes it or take a parameter that does not need it");
        this.image = image;
        this.streamViewType = streamViewType;
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
