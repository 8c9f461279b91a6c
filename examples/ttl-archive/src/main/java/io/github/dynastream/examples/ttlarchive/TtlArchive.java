package io.github.dynastream.examples.ttlarchive;

import io.github.dynastream.ProcessingListener;
import io.github.dynastream.StreamProcessor;

/**
 * How the TTL archive function is wired, apart from where the archive is: the Lambda handler ({@link
 * TtlArchiveHandler}), the tests and the demo build the same processor.
 *
 * <pre>{@code
 * InMemoryArchiveStore archive = new InMemoryArchiveStore();
 * StreamProcessor processor = TtlArchive.processor(archive, ArchiveLayout.of("id"));
 * processor.process(eventJson);
 * archive.objects();   // archive/Sessions/2026/01/01/s-1.json -> {...}
 * }</pre>
 */
public final class TtlArchive {
    private TtlArchive() {}

    /**
     * The processor: each TTL delete written to the archive as one object; nothing else done. Records
     * run in stream order and a failed put fails its record, so Lambda retries from it. No idempotency
     * store is needed: a redelivered expiry writes the same object again.
     *
     * @param archive where expired items go
     * @param layout how objects are named
     */
    public static StreamProcessor processor(ArchiveStore archive, ArchiveLayout layout) {
        return StreamProcessor.builder()
                .handler(new ExpiredItems(archive, layout))
                .build();
    }

    /**
     * The same processor, reporting each record's outcome to the listener (metrics, tests, the demo).
     *
     * @param archive where expired items go
     * @param layout how objects are named
     * @param listener receives every record outcome and batch summary
     */
    public static StreamProcessor processor(ArchiveStore archive, ArchiveLayout layout, ProcessingListener listener) {
        return StreamProcessor.builder()
                .handler(new ExpiredItems(archive, layout))
                .listener(listener)
                .build();
    }
}
