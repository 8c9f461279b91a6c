package io.github.dynastream.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import io.github.dynastream.BatchResult;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.StreamsApiRecords;
import io.github.dynastream.source.SourceBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * The KCL source and its response: one shard's records, in shard order, through a {@link
 * StreamProcessor}, with the checkpoint as the response.
 *
 * <p>KCL hands a processor one page of records at a time and never delivers a page again, so the
 * Lambda contract (stop at the first failed record, resume from exactly that record) is kept here: a
 * page is run until every record in it is done, with the records before a failure checkpointed and
 * the failed record and everything after it run again after a doubling pause. The processor's
 * dead-letter policy, counted per run in its idempotency store, is what lets a shard move past a
 * record that always fails.
 *
 * <p>A page is given up, never skipped: when the lease is lost, handed to another worker, or the
 * worker stops. From then on this processor runs nothing (KCL may still offer later pages), so no
 * record runs after one that did not finish; the next owner resumes at the checkpoint, and with an
 * idempotency store skips what was done here after it. The shard's end is checkpointed only when
 * every record was done, which is what lets KCL start the child shards.
 *
 * <p>KCL calls one method at a time per shard, each call handed over through its executor; the
 * fields need no locking.
 */
final class ShardProcessor implements DynamoDBStreamsShardRecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ShardProcessor.class);

    private final StreamProcessor processor;
    private final String streamArn;
    private final RetryBackoff backoff;
    private final RetryPause pause;
    private final LeaseView leases;

    private String shardId = "(uninitialized)";
    /** The last sequence number every record up to which is done. */
    private String lastDone;
    /** The last sequence number this processor checkpointed. */
    private String checkpointed;
    /** Why this processor gave up, once it did; it then runs no more records. */
    private String gaveUp;

    ShardProcessor(
            StreamProcessor processor, String streamArn, RetryBackoff backoff, RetryPause pause, LeaseView leases) {
        this.processor = processor;
        this.streamArn = streamArn;
        this.backoff = backoff;
        this.pause = pause;
        this.leases = leases;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        LOG.debug("shard {}: starting at {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
        if (gaveUp != null) {
            LOG.debug(
                    "shard {}: not running {} records: {}",
                    shardId,
                    input.records().size(),
                    gaveUp);
            return;
        }
        List<Record> page = new ArrayList<>(input.records().size());
        for (DynamoDBStreamsClientRecord record : input.records()) {
            page.add(record.getRecord());
        }
        int next = 0;
        int failedRuns = 0;
        while (next < page.size()) {
            Run run = run(page.subList(next, page.size()));
            if (run.done() > 0) {
                next += run.done();
                lastDone = page.get(next - 1).dynamodb().sequenceNumber();
                failedRuns = 0;
            }
            if (next == page.size()) {
                break;
            }
            failedRuns++;
            if (!checkpoint(input.checkpointer(), "a failed record")) {
                return;
            }
            Duration delay = backoff.after(failedRuns);
            String sequenceNumber = page.get(next).dynamodb().sequenceNumber();
            LOG.warn(
                    "shard {}: record {} (eventID {}) failed run {}: {}; running it and the {} after it again in {}",
                    shardId,
                    sequenceNumber,
                    page.get(next).eventID(),
                    failedRuns,
                    run.problem(),
                    page.size() - next - 1,
                    delay);
            if (!stillMine("while record " + sequenceNumber + " was failing")) {
                return;
            }
            if (!pause.pause(delay)) {
                giveUp("the worker is stopping while record " + sequenceNumber + " was failing");
                return;
            }
            if (!stillMine("while record " + sequenceNumber + " was failing")) {
                return;
            }
        }
        checkpoint(input.checkpointer(), "a finished page");
    }

    /** How many records from the start of {@code records} are done, and what stopped the rest. */
    private record Run(int done, String problem) {}

    private Run run(List<Record> records) {
        List<ChangeRecord> changes;
        String unreadable = null;
        try {
            changes = StreamsApiRecords.toChangeRecords(records, streamArn);
        } catch (MalformedEventException e) {
            // Find the record that cannot be read: the ones before it still run, in order.
            changes = new ArrayList<>();
            for (Record record : records) {
                try {
                    changes.addAll(StreamsApiRecords.toChangeRecords(List.of(record), streamArn));
                } catch (MalformedEventException bad) {
                    unreadable = "it cannot be read (" + bad.getMessage() + ")";
                    LOG.error(
                            "shard {}: record {} cannot be read: {}",
                            shardId,
                            sequenceNumber(record),
                            bad.getMessage());
                    break;
                }
            }
        }
        int done = 0;
        String problem = unreadable;
        if (!changes.isEmpty()) {
            BatchResult result;
            try {
                result = processor.processRecords(changes);
            } catch (RuntimeException | Error e) {
                // What a Lambda invocation that crashes gets: the whole run is tried again.
                LOG.error("shard {}: the processor threw while running {} records", shardId, changes.size(), e);
                return new Run(0, e.getClass().getSimpleName() + " thrown by the processor");
            }
            StreamsApiRecords.Checkpoint checkpoint =
                    StreamsApiRecords.CHECKPOINTS.toResponse(SourceBatch.of(changes), result);
            List<ChangeRecord> ran = changes;
            done = checkpoint
                    .processedThrough()
                    .map(through -> positionOf(ran, through) + 1)
                    .orElse(0);
            Optional<BatchResult.RecordFailure> failure = result.failure();
            if (failure.isPresent()) {
                problem = failure.get().cause().getClass().getSimpleName();
            }
        }
        return new Run(done, problem);
    }

    /** Where in the records the one with this sequence number is. */
    private static int positionOf(List<ChangeRecord> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new IllegalStateException("the checkpoint " + sequenceNumber + " is not a record of the page");
    }

    private static String sequenceNumber(Record record) {
        return record.dynamodb() == null ? "(no dynamodb)" : record.dynamodb().sequenceNumber();
    }

    /** Whether the lease is still this worker's to work on; gives up the page if not. */
    private boolean stillMine(String when) {
        if (leases.holds(shardId)) {
            return true;
        }
        giveUp("the lease was lost or handed over " + when);
        return false;
    }

    /**
     * Checkpoints at the last done record, if that moved. False (and the page given up) when the lease
     * is lost; a throttled or failed write is logged and left to the next checkpoint, which covers it.
     */
    private boolean checkpoint(RecordProcessorCheckpointer checkpointer, String after) {
        if (lastDone == null || lastDone.equals(checkpointed)) {
            return true;
        }
        try {
            checkpointer.checkpoint(lastDone);
            checkpointed = lastDone;
            return true;
        } catch (ShutdownException e) {
            giveUp("the lease was lost (checkpoint at " + lastDone + " after " + after + " refused)");
            return false;
        } catch (ThrottlingException | KinesisClientLibDependencyException | InvalidStateException e) {
            LOG.warn(
                    "shard {}: checkpoint at {} failed ({}); the next one covers it",
                    shardId,
                    lastDone,
                    e.getClass().getSimpleName());
            return true;
        }
    }

    private void giveUp(String why) {
        gaveUp = why;
        LOG.info("shard {}: giving up its records after {}: {}", shardId, lastDone == null ? "none" : lastDone, why);
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        if (gaveUp == null) {
            giveUp("the lease was lost");
        }
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        if (gaveUp != null) {
            // Checkpointing the end now would lose the records not done; the next owner ends the shard.
            LOG.warn("shard {}: at its end but not checkpointing it: {}", shardId, gaveUp);
            return;
        }
        try {
            input.checkpointer().checkpoint();
        } catch (ShutdownException e) {
            giveUp("the lease was lost at the shard's end");
        } catch (ThrottlingException | KinesisClientLibDependencyException | InvalidStateException e) {
            // KCL runs the shard-end step again when its checkpoint is missing.
            LOG.warn(
                    "shard {}: checkpoint at its end failed ({})",
                    shardId,
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        checkpoint(input.checkpointer(), "the worker's shutdown");
        if (gaveUp == null) {
            giveUp("the worker is shutting down");
        }
    }
}
