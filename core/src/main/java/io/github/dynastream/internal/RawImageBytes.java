package io.github.dynastream.internal;

import io.github.dynastream.source.RawImage;
import java.util.Objects;

/**
 * How an item reader in dynastream's own modules reaches the bytes of a {@link RawImage}, which the
 * API does not hand out (they are the event's, and must not be changed). {@code RawImage} hands over
 * its implementation once, when it is initialized, as {@link ApiExceptions} does for the exceptions;
 * this package is exported only to dynastream's modules.
 */
public abstract class RawImageBytes {
    private static RawImageBytes registered;

    protected RawImageBytes() {}

    /**
     * Called once, by {@link RawImage}.
     *
     * @throws IllegalStateException if called again
     */
    public static synchronized void register(RawImageBytes access) {
        Objects.requireNonNull(access, "access");
        if (registered != null) {
            throw new IllegalStateException("RawImage's bytes are already registered: " + registered.getClass());
        }
        registered = access;
    }

    /**
     * The image's bytes with the limits its parser would apply, for {@link ImageBytes.Reader}s, or
     * null when the image's parser has settings a reader of bytes cannot honour (a token limit,
     * duplicate detection). The image exists, so {@link RawImage} was initialized and registered.
     */
    public static ImageBytes of(RawImage image) {
        RawImageBytes access;
        synchronized (RawImageBytes.class) {
            access = registered;
        }
        return access.bytes(Objects.requireNonNull(image, "image"));
    }

    /** See {@link #of}. */
    protected abstract ImageBytes bytes(RawImage image);
}
