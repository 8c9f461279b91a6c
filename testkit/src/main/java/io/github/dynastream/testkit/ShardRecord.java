package io.github.dynastream.testkit;

import io.github.dynastream.ChangeRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A record of a shard and the time it was written to the stream: the mapping cannot read it before
 * then, and its age ({@code MaximumRecordAgeInSeconds}, the stream's 24-hour retention) counts from
 * then. {@link EventSourceMappingSimulator#run(java.util.List, java.util.function.Function)} takes
 * a record's {@code ApproximateCreationDateTime} for it; give other times to {@link
 * EventSourceMappingSimulator#runWithWriteTimes}, e.g. to write a record while a batch is retried:
 *
 * <pre>{@code
 * Instant start = Instant.parse("2026-01-01T00:00:00Z");
 * Simulation simulation = EventSourceMappingSimulator.builder()
 *         .startingAt(start)
 *         .build()
 *         .runWithWriteTimes(
 *                 List.of(new ShardRecord(stream.record(0), start),
 *                         new ShardRecord(stream.record(1), start.plusSeconds(600))),
 *                 processor::process);
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param record the record
 * @param writtenAt when it was written to the stream
 */
public record ShardRecord(ChangeRecord record, Instant writtenAt) {

    public ShardRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }
}
