package io.github.dynastream.source;

import io.github.dynastream.EventName;
import io.github.dynastream.mapping.RawImageReader;

/**
 * Which reader, if any, maps an image while the event is being parsed, so that the image's bytes are
 * read once: the reader the handler methods for that event name will ask for. The processor's
 * dispatcher provides it to the byte-reading sources; {@link #NONE} maps nothing early.
 *
 * <pre>{@code
 * EventJsonSource source = EventJsonSource.create(InPlaceReaders.NONE, 32);
 * }</pre>
 */
@FunctionalInterface
public interface InPlaceReaders {
    /** Maps nothing while parsing. */
    InPlaceReaders NONE = (eventName, newImage) -> null;

    /**
     * The reader for one image of records with this event name, or null.
     *
     * @param eventName the record's event name
     * @param newImage true for the NewImage, false for the OldImage
     */
    RawImageReader<?> inPlace(EventName eventName, boolean newImage);
}
