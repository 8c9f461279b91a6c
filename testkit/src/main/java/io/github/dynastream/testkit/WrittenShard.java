package io.github.dynastream.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulated shard: a list of records with the times they were written. A record is readable
 * once it was written and so was every record before it, because a shard is read in order: a
 * record cannot be read before the one ahead of it, whatever its own time says. Not thread-safe.
 */
final class WrittenShard implements ShardSource {
    private final List<ShardRecord> records;
    private final List<Instant> readableAt;
    private int next;

    WrittenShard(List<ShardRecord> records) {
        this.records = List.copyOf(records);
        this.readableAt = new ArrayList<>(records.size());
        Instant latest = null;
        for (ShardRecord record : this.records) {
            latest = latest == null || record.writtenAt().isAfter(latest) ? record.writtenAt() : latest;
            readableAt.add(latest);
        }
    }

    /** When the last record becomes readable, or empty for an empty shard. */
    Optional<Instant> lastWrite() {
        return readableAt.isEmpty() ? Optional.empty() : Optional.of(readableAt.get(readableAt.size() - 1));
    }

    @Override
    public List<ShardRecord> read(Instant now) {
        List<ShardRecord> read = new ArrayList<>();
        while (next < records.size() && !readableAt.get(next).isAfter(now)) {
            read.add(records.get(next++));
        }
        return read;
    }

    @Override
    public Optional<Instant> nextWrite() {
        return next < records.size() ? Optional.of(readableAt.get(next)) : Optional.empty();
    }

    @Override
    public boolean exhausted() {
        return next == records.size();
    }
}
