package io.github.dynastream.testkit;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.UserIdentity;
import io.github.dynastream.enhanced.StreamsApiRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One shard of a real DynamoDB stream, read with GetRecords, as the mapping reads a shard. It keeps
 * its place between runs (the last sequence number read), so each drain of a {@link
 * LocalStreamRunner} goes on where the previous one stopped. A drain ends once the shard has caught
 * up: a GetRecords that returns no records. On a closed shard that is the end of the shard (no next
 * iterator); on an open one it means everything written so far was read. Not thread-safe.
 */
final class StreamShardSource implements ShardSource {
    /** GetRecords' maximum and default: "The maximum number of records to return from the shard. The upper limit is 1000." */
    private static final int GET_RECORDS_LIMIT = 1000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String shardId;
    private String iterator;
    private String lastSequenceNumber;
    private boolean closed;
    private boolean caughtUp;

    /** REMOVE records to deliver as Time to Live deletes, or null. */
    private final Predicate<ChangeRecord> timeToLiveDeletes;

    StreamShardSource(
            DynamoDbStreamsClient streams,
            String streamArn,
            String shardId,
            Predicate<ChangeRecord> timeToLiveDeletes) {
        this.timeToLiveDeletes = timeToLiveDeletes;
        this.streams = Objects.requireNonNull(streams, "streams");
        this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
        this.shardId = Objects.requireNonNull(shardId, "shardId");
    }

    String shardId() {
        return shardId;
    }

    /** True once the shard is closed and every record of it was read: its children may be read. */
    boolean finished() {
        return closed;
    }

    /** Starts a new run: the shard is read again from where the last run stopped. */
    void resume() {
        caughtUp = false;
    }

    @Override
    public List<ShardRecord> read(Instant now) {
        if (closed) {
            caughtUp = true;
            return List.of();
        }
        GetRecordsResponse response;
        try {
            response = streams.getRecords(r -> r.shardIterator(iterator()).limit(GET_RECORDS_LIMIT));
        } catch (ExpiredIteratorException expired) {
            // Iterators expire 15 minutes after they were issued; take a new one at our place.
            iterator = null;
            response = streams.getRecords(r -> r.shardIterator(iterator()).limit(GET_RECORDS_LIMIT));
        }
        iterator = response.nextShardIterator();
        closed = iterator == null;
        List<Record> records = response.records();
        if (records.isEmpty()) {
            caughtUp = true;
            return List.of();
        }
        List<ChangeRecord> changes = StreamsApiRecords.toChangeRecords(records, streamArn);
        List<ShardRecord> read = new ArrayList<>(changes.size());
        for (ChangeRecord change : changes) {
            if (timeToLiveDeletes != null && change.eventName() == EventName.REMOVE && timeToLiveDeletes.test(change)) {
                change = change.toBuilder()
                        .userIdentity(UserIdentity.TIME_TO_LIVE)
                        .build();
            }
            read.add(
                    new ShardRecord(change, change.approximateCreationDateTime().orElse(now)));
        }
        lastSequenceNumber = changes.get(changes.size() - 1).sequenceNumber();
        caughtUp = false;
        return read;
    }

    private String iterator() {
        if (iterator == null) {
            GetShardIteratorRequest.Builder request =
                    GetShardIteratorRequest.builder().streamArn(streamArn).shardId(shardId);
            if (lastSequenceNumber == null) {
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(lastSequenceNumber);
            }
            iterator = streams.getShardIterator(request.build()).shardIterator();
        }
        return iterator;
    }

    @Override
    public Optional<Instant> nextWrite() {
        return Optional.empty();
    }

    @Override
    public boolean exhausted() {
        return caughtUp;
    }

    @Override
    public boolean live() {
        return true;
    }
}
