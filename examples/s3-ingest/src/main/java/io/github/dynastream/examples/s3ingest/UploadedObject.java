package io.github.dynastream.examples.s3ingest;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * An object an S3 {@code ObjectCreated} event names, with its key decoded.
 *
 * <pre>{@code
 * UploadedObject object = new UploadedObject("uploads", "incoming/readings 1.csv", OptionalLong.of(2048));
 * }</pre>
 *
 * @param bucket the bucket
 * @param key the object key, decoded (the event carries it URL-encoded: {@code readings+1.csv})
 * @param size the object's size in bytes, if the event says
 */
public record UploadedObject(String bucket, String key, OptionalLong size) {
    public UploadedObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(size, "size");
    }

    /** {@code bucket/key}: the {@code file} attribute of the rows written from it. */
    public String file() {
        return bucket + "/" + key;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
