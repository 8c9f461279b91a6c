package io.github.dynastream;

/**
 * Which images a DynamoDB stream writes into each record, from the record's {@code StreamViewType}.
 */
public enum StreamViewType {
    /** Only the key attributes: no images. */
    KEYS_ONLY(false, false),
    /** The item after the change: NewImage only. */
    NEW_IMAGE(false, true),
    /** The item before the change: OldImage only. */
    OLD_IMAGE(true, false),
    /** Both images. */
    NEW_AND_OLD_IMAGES(true, true);

    private final boolean oldImage;
    private final boolean newImage;

    StreamViewType(boolean oldImage, boolean newImage) {
        this.oldImage = oldImage;
        this.newImage = newImage;
    }

    /** Whether records of this view type carry an OldImage (for MODIFY and REMOVE). */
    public boolean hasOldImage() {
        return oldImage;
    }

    /** Whether records of this view type carry a NewImage (for INSERT and MODIFY). */
    public boolean hasNewImage() {
        return newImage;
    }
}
