package io.github.dynastream.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.checkpoint.ShardRecordProcessorCheckpointer;
import software.amazon.kinesis.leases.ShardInfo;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * A shard that ends, for what moto cannot show (its one shard never closes): its records, its lease in
 * a {@link LeaseTable}, and a {@link Consumer} that drives a record processor the way KCL's shard
 * consumer does, with KCL's own input objects and checkpointer: it starts after the checkpoint, reads
 * forward page after page whatever the processor checkpointed, raises the permitted checkpoint to the
 * last record of each page before handing it over, and at the end permits {@code SHARD_END} only.
 */
final class SimulatedShard {
    final String shardId;
    final List<String> parents;
    final List<Record> records;
    final LeaseTable table;

    SimulatedShard(String shardId, List<String> parents, List<Record> records, LeaseTable table) {
        this.shardId = shardId;
        this.parents = List.copyOf(parents);
        this.records = List.copyOf(records);
        this.table = table;
    }

    /** Whether the shard's end is checkpointed: what lets KCL start its children. */
    boolean ended() {
        return ExtendedSequenceNumber.SHARD_END.equals(table.checkpoint(shardId));
    }

    /** Gives the lease to {@code token} and starts {@code processor} at the shard's checkpoint. */
    Consumer take(String token, ShardRecordProcessor processor) {
        table.assign(shardId, token);
        return new Consumer(token, processor);
    }

    /** One lease holder's view of the shard. */
    final class Consumer {
        final String token;
        final ShardRecordProcessor processor;
        final ShardRecordProcessorCheckpointer checkpointer;
        private int position;

        private Consumer(String token, ShardRecordProcessor processor) {
            this.token = token;
            this.processor = processor;
            ExtendedSequenceNumber checkpoint = table.checkpoint(shardId);
            this.checkpointer =
                    new ShardRecordProcessorCheckpointer(new ShardInfo(shardId, token, parents, checkpoint), table);
            checkpointer.setInitialCheckpointValue(checkpoint);
            this.position = positionAfter(checkpoint);
            processor.initialize(InitializationInput.builder()
                    .shardId(shardId)
                    .extendedSequenceNumber(checkpoint)
                    .build());
        }

        private int positionAfter(ExtendedSequenceNumber checkpoint) {
            if (ExtendedSequenceNumber.TRIM_HORIZON.equals(checkpoint)) {
                return 0;
            }
            if (ExtendedSequenceNumber.SHARD_END.equals(checkpoint)) {
                return records.size();
            }
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).dynamodb().sequenceNumber().equals(checkpoint.sequenceNumber())) {
                    return i + 1;
                }
            }
            throw new IllegalStateException("checkpoint " + checkpoint + " is not in shard " + shardId);
        }

        boolean hasMore() {
            return position < records.size();
        }

        /** Hands the processor the next page of up to {@code size} records. */
        void deliver(int size) {
            int end = Math.min(records.size(), position + size);
            List<KinesisClientRecord> page = records.subList(position, end).stream()
                    .map(r -> (KinesisClientRecord) DynamoDBStreamsClientRecord.fromRecord(r))
                    .toList();
            checkpointer.largestPermittedCheckpointValue(
                    new ExtendedSequenceNumber(records.get(end - 1).dynamodb().sequenceNumber()));
            position = end;
            processor.processRecords(ProcessRecordsInput.builder()
                    .records(page)
                    .checkpointer(checkpointer)
                    .isAtShardEnd(end == records.size())
                    .millisBehindLatest(0L)
                    .build());
        }

        /** Delivers the rest in pages of {@code size}. */
        void deliverAll(int size) {
            while (hasMore()) {
                deliver(size);
            }
        }

        /** What the adapter's shutdown task does at a shard's end. */
        void end() {
            checkpointer.sequenceNumberAtShardEnd(checkpointer.largestPermittedCheckpointValue());
            checkpointer.largestPermittedCheckpointValue(ExtendedSequenceNumber.SHARD_END);
            processor.shardEnded(
                    ShardEndedInput.builder().checkpointer(checkpointer).build());
        }

        void leaseLost() {
            processor.leaseLost(LeaseLostInput.builder().build());
        }

        void shutdownRequested() {
            processor.shutdownRequested(
                    ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        }
    }
}
