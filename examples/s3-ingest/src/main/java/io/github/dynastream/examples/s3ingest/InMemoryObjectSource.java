package io.github.dynastream.examples.s3ingest;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Objects kept in memory, for tests and the demo. An object's content is a supplier, so a test can
 * serve a file of any length that is produced as it is read. Counts the streams opened and not yet
 * closed. Thread-safe.
 *
 * <pre>{@code
 * InMemoryObjectSource source = new InMemoryObjectSource()
 *         .put("uploads", "incoming/readings.csv", "text/csv", "name,date,value\na,2026-11-30,1\n");
 * }</pre>
 */
public final class InMemoryObjectSource implements ObjectSource {
    private record Stored(Optional<String> contentType, Supplier<InputStream> content) {}

    private final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    /** Stores a text object (UTF-8); {@code contentType} may be null. Returns this source. */
    public InMemoryObjectSource put(String bucket, String key, String contentType, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return put(bucket, key, contentType, () -> new ByteArrayInputStream(bytes));
    }

    /** Stores an object whose content each {@link #open} asks the supplier for; {@code contentType} may be null. */
    public InMemoryObjectSource put(String bucket, String key, String contentType, Supplier<InputStream> content) {
        Objects.requireNonNull(content, "content");
        objects.put(bucket + "/" + key, new Stored(Optional.ofNullable(contentType), content));
        return this;
    }

    /** How many opened objects are not closed yet. */
    public int openCount() {
        return open.get();
    }

    @Override
    public StoredObject open(String bucket, String key) throws IOException {
        Stored stored = objects.get(bucket + "/" + key);
        if (stored == null) {
            throw new IOException("no object s3://" + bucket + "/" + key);
        }
        open.incrementAndGet();
        InputStream content = new FilterInputStream(stored.content().get()) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
                super.close();
            }
        };
        return new StoredObject() {
            @Override
            public Optional<String> contentType() {
                return stored.contentType();
            }

            @Override
            public InputStream content() {
                return content;
            }

            @Override
            public void close() throws IOException {
                content.close();
            }
        };
    }
}
