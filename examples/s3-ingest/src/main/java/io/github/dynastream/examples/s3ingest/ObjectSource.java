package io.github.dynastream.examples.s3ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where uploaded files are read from: {@link S3ObjectSource} in production, {@link
 * InMemoryObjectSource} in tests and the demo. The content is a stream, read once from the start:
 * the ingest never holds a whole file.
 *
 * <pre>{@code
 * try (ObjectSource.StoredObject object = source.open("uploads", "incoming/readings.csv")) {
 *     InputStream content = object.content();
 * }
 * }</pre>
 */
public interface ObjectSource {
    /**
     * Opens an object for reading.
     *
     * @throws IOException if it cannot be read (the invocation fails and S3's event is retried)
     */
    StoredObject open(String bucket, String key) throws IOException;

    /** An object being read; close it when done, read to the end or not. */
    interface StoredObject extends Closeable {
        /** Its {@code Content-Type}, if it has one. */
        Optional<String> contentType();

        /** Its bytes, read once. */
        InputStream content();
    }
}
