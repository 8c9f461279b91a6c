package io.github.dynastream.kcl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.kinesis.checkpoint.Checkpoint;
import software.amazon.kinesis.exceptions.KinesisClientLibException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.processor.Checkpointer;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * A lease table in memory, behind KCL's own {@code ShardRecordProcessorCheckpointer}: it keeps each
 * shard's checkpoint and owner (the concurrency token), refuses a checkpoint from a worker that no
 * longer holds the lease, as DynamoDB's conditional write does, and records every checkpoint written.
 */
final class LeaseTable implements Checkpointer {
    private final Map<String, ExtendedSequenceNumber> checkpoints = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final List<String> written = new ArrayList<>();
    private int throttleNext;
    private String operation;

    /** Gives the shard's lease to the token's holder; a checkpoint with another token is refused from now on. */
    synchronized void assign(String shardId, String token) {
        owners.put(shardId, token);
        checkpoints.putIfAbsent(shardId, ExtendedSequenceNumber.TRIM_HORIZON);
    }

    synchronized String ownerOf(String shardId) {
        return owners.get(shardId);
    }

    synchronized boolean holds(String shardId, String token) {
        return token.equals(owners.get(shardId));
    }

    /** The next {@code n} checkpoints fail as throttled. */
    synchronized void throttleNext(int n) {
        throttleNext = n;
    }

    synchronized ExtendedSequenceNumber checkpoint(String shardId) {
        return checkpoints.getOrDefault(shardId, ExtendedSequenceNumber.TRIM_HORIZON);
    }

    /** Every checkpoint written, as {@code shard=sequenceNumber}, in order. */
    synchronized List<String> written() {
        return List.copyOf(written);
    }

    @Override
    public synchronized void setCheckpoint(String leaseKey, ExtendedSequenceNumber checkpoint, String token)
            throws KinesisClientLibException {
        if (!token.equals(owners.get(leaseKey))) {
            throw new ShutdownException("lease " + leaseKey + " is not held by " + token);
        }
        if (throttleNext > 0) {
            throttleNext--;
            throw new ThrottlingException("throttled");
        }
        checkpoints.put(leaseKey, checkpoint);
        written.add(leaseKey + "=" + checkpoint.sequenceNumber());
    }

    @Override
    public synchronized ExtendedSequenceNumber getCheckpoint(String leaseKey) {
        return checkpoint(leaseKey);
    }

    @Override
    public synchronized Checkpoint getCheckpointObject(String leaseKey) {
        return new Checkpoint(checkpoint(leaseKey), null, null);
    }

    @Override
    public void prepareCheckpoint(String leaseKey, ExtendedSequenceNumber pending, String token) {
        throw new UnsupportedOperationException("prepared checkpoints are not used");
    }

    @Override
    public void prepareCheckpoint(String leaseKey, ExtendedSequenceNumber pending, String token, byte[] state) {
        throw new UnsupportedOperationException("prepared checkpoints are not used");
    }

    @Override
    public synchronized void operation(String operation) {
        this.operation = operation;
    }

    @Override
    public synchronized String operation() {
        return operation;
    }
}
