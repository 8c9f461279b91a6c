package io.github.dynastream.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the records of one shard come from, as the event source mapping reads them: in stream
 * order, each once, and only once it has been written. The simulator's source is a list of
 * records with write times ({@link WrittenShard}); the {@link LocalStreamRunner}'s is a shard of a
 * real DynamoDB stream read with GetRecords ({@link StreamShardSource}). The mapping's rules ({@link EventSourceMapping})
 * do not know which one they read.
 *
 * <p>Implementations are used by one run at a time and need not be thread-safe.
 */
interface ShardSource {

    /**
     * The records written at or before {@code now} that were not read yet, in stream order; empty
     * when there are none.
     */
    List<ShardRecord> read(Instant now);

    /**
     * When the next record that was not read yet becomes readable, if the source knows. Empty when
     * every record was read, or when the source cannot tell (a live stream): the mapping then polls.
     */
    Optional<Instant> nextWrite();

    /**
     * True once the source has nothing more for this run: every record was read and no more will
     * come (a simulated or closed shard), or, for a runner's drain of a live shard, the last read
     * found nothing new.
     */
    boolean exhausted();

    /**
     * True for a source that cannot say when records come (a stream being written): the mapping
     * polls it, also while a batching window gathers a batch, since a batch that fills up ends the
     * window. False (the default) for a source whose {@link #nextWrite()} says it.
     */
    default boolean live() {
        return false;
    }
}
