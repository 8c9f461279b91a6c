package io.github.dynastream.testkit;

import io.github.dynastream.ChangeRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A record of a shard and the time it was written to the stream.
 *
 * @param record the record
 * @param writtenAt when it was written to the stream
 */
record ShardRecord(ChangeRecord record, Instant writtenAt) {

    ShardRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }
}
