package io.github.dynastream.internal;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.source.RawImage;

/**
 * What the dispatcher may see of a {@link ChangeRecord} beyond its public API: the raw images of a
 * record read from event bytes. {@code ChangeRecord} installs the accessor when it is initialised.
 */
public final class RecordInternals {
    /** Reads a record's raw image. */
    public interface Accessor {
        /** The image's DynamoDB JSON, if the record was read from bytes and still holds it; else null. */
        RawImage rawImage(ChangeRecord record, boolean newImage);
    }

    private static volatile Accessor accessor;

    private RecordInternals() {}

    /** Installs the accessor; called once, by {@code ChangeRecord}. */
    public static void install(Accessor installed) {
        accessor = installed;
    }

    static RawImage rawImage(ChangeRecord record, boolean newImage) {
        Accessor current = accessor;
        if (current == null) {
            // ChangeRecord is initialised before any instance exists, so this only guards odd class loading.
            return null;
        }
        return current.rawImage(record, newImage);
    }
}
