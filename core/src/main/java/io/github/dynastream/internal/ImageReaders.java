package io.github.dynastream.internal;

import io.github.dynastream.EventName;

/**
 * Which reader, if any, maps an image while the event is being parsed, so that the image's bytes are
 * read once: the reader the handler methods for that event name will ask for.
 */
@FunctionalInterface
public interface ImageReaders {
    /** Maps nothing while parsing. */
    ImageReaders NONE = (eventName, newImage) -> null;

    /**
     * The reader for one image of records with this event name, or null.
     *
     * @param eventName the record's event name
     * @param newImage true for the NewImage, false for the OldImage
     */
    RawImageReader<?> inPlace(EventName eventName, boolean newImage);
}
