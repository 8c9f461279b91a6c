package io.github.dynastream.examples.s3ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table in memory, for tests and the demo: items by key ({@code file}, {@code line}), as the real
 * table keeps them, and every write in order with the item it replaced, so the demo can write the
 * stream DynamoDB would (an {@code INSERT} for a new item, a {@code MODIFY} for a changed one,
 * nothing for an identical rewrite). Thread-safe.
 *
 * <pre>{@code
 * InMemoryTableWriter table = new InMemoryTableWriter();
 * // ... ingest ...
 * for (InMemoryTableWriter.Write write : table.writes()) {
 *     if (write.before().isEmpty()) stream.insert(write.after());
 * }
 * }</pre>
 */
public final class InMemoryTableWriter implements TableWriter {
    /**
     * One item written.
     *
     * @param before the item it replaced, empty if it is new
     * @param after the item written
     */
    public record Write(Optional<IngestedRow> before, IngestedRow after) {
        /** Whether DynamoDB's stream shows this write: a new item, or one whose attributes changed. */
        public boolean changedTheTable() {
            return before.map(previous -> !previous.equals(after)).orElse(true);
        }
    }

    private record Key(String file, long line) {}

    private final Map<Key, IngestedRow> items = new LinkedHashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final List<Integer> chunkSizes = new ArrayList<>();

    @Override
    public synchronized void write(List<IngestedRow> chunk) {
        if (chunk.isEmpty() || chunk.size() > MAX_CHUNK) {
            throw new IllegalArgumentException(
                    "a chunk holds 1 to " + MAX_CHUNK + " rows but had [" + chunk.size() + "]");
        }
        chunkSizes.add(chunk.size());
        for (IngestedRow row : chunk) {
            IngestedRow before = items.put(new Key(row.file(), row.line()), row);
            writes.add(new Write(Optional.ofNullable(before), row));
        }
    }

    /** The items, in the order they were first written. */
    public synchronized List<IngestedRow> rows() {
        return List.copyOf(items.values());
    }

    /** Every write, in order. */
    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** The size of every chunk written, in order. */
    public synchronized List<Integer> chunkSizes() {
        return List.copyOf(chunkSizes);
    }
}
