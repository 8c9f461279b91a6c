package io.github.dynastream.internal;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.BatchResult;
import io.github.dynastream.BatchSummary;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.RecordOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch: sequentially, stopping at the first failure; or, in parallel mode, one chain per
 * partition key at a time on a worker pool, each chain stopping at its own first failure. Immutable
 * and thread-safe.
 */
public final class BatchRunner {
    /** Only a batch that has something to warn about initialises logging. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger("io.github.dynastream.StreamProcessor");
    }

    private final RecordRunner records;
    private final ExecutorService workers;
    private final String partitionKey;
    private final List<ProcessingListener> listeners;

    private BatchRunner(
            RecordRunner records, ExecutorService workers, String partitionKey, List<ProcessingListener> listeners) {
        this.records = records;
        this.workers = workers;
        this.partitionKey = partitionKey;
        this.listeners = List.copyOf(listeners);
    }

    /** Assembles the runner from the processor's settings, which its builder has already checked. */
    public static BatchRunner create(Dispatcher dispatcher, RunOptions options) {
        RecordRunner records = new RecordRunner(dispatcher, options);
        ExecutorService workers = options.parallelism() > 1
                ? Executors.newFixedThreadPool(options.parallelism(), new WorkerThreads())
                : null;
        return new BatchRunner(records, workers, options.partitionKey(), options.listeners());
    }

    /** Daemon threads, so an idle pool never keeps a JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "dynastream-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Runs the batch and tells the listeners. */
    public BatchResult run(List<ChangeRecord> batch, InvocationContext invocation) {
        long start = System.nanoTime();
        Set<String> completed = completedBefore(batch);
        Dispatcher.MethodCall call = records.methodCall(invocation);
        RecordOutcome[] outcomes = new RecordOutcome[batch.size()];
        if (workers == null) {
            runChain(batch, indices(batch.size()), invocation, call, completed, outcomes);
        } else {
            runChains(batch, invocation, call, completed, outcomes);
        }
        BatchResult result = new BatchResult(Arrays.asList(outcomes), Duration.ofNanos(System.nanoTime() - start));
        if (listeners.isEmpty()) {
            return result;
        }
        BatchSummary summary = summarize(batch, result, invocation);
        for (ProcessingListener listener : listeners) {
            try {
                listener.onBatch(summary);
            } catch (RuntimeException e) {
                Log.LOG.warn("A ProcessingListener failed in onBatch; ignoring it", e);
            }
        }
        return result;
    }

    private Set<String> completedBefore(List<ChangeRecord> batch) {
        if (!records.usesIdempotency() || batch.isEmpty()) {
            return Set.of();
        }
        try {
            List<String> keys = new ArrayList<>(batch.size());
            for (ChangeRecord record : batch) {
                keys.add(records.key(record));
            }
            return records.storeCompletedAmong(keys);
        } catch (RuntimeException e) {
            // Nothing is skipped on this basis; each record's acquire decides (and fails if the store is down).
            Log.LOG.warn("Reading completed idempotency markers in bulk failed; checking record by record", e);
            return Set.of();
        }
    }

    private static List<Integer> indices(int size) {
        List<Integer> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        return all;
    }

    private void runChain(
            List<ChangeRecord> batch,
            List<Integer> chain,
            InvocationContext invocation,
            Dispatcher.MethodCall call,
            Set<String> completed,
            RecordOutcome[] outcomes) {
        boolean stopped = false;
        for (int index : chain) {
            ChangeRecord record = batch.get(index);
            RecordOutcome outcome = stopped
                    ? new RecordOutcome(record, RecordOutcome.Status.NOT_ATTEMPTED, null, Duration.ZERO)
                    : records.run(record, invocation, call, completed);
            if (outcome.status() == RecordOutcome.Status.FAILED) {
                stopped = true;
                logFailure(record, outcome.cause());
            } else if (outcome.status() == RecordOutcome.Status.DEAD_LETTERED) {
                Log.LOG.warn(
                        "Record handed to the dead-letter sink after repeated failures: eventID={}, sequenceNumber={}, keys={}",
                        record.eventId(),
                        record.sequenceNumber(),
                        describeKeys(record),
                        outcome.cause());
            }
            outcomes[index] = outcome;
            for (ProcessingListener listener : listeners) {
                try {
                    listener.onRecord(outcome);
                } catch (RuntimeException e) {
                    Log.LOG.warn("A ProcessingListener failed in onRecord; ignoring it", e);
                }
            }
        }
    }

    private void runChains(
            List<ChangeRecord> batch,
            InvocationContext invocation,
            Dispatcher.MethodCall call,
            Set<String> completed,
            RecordOutcome[] outcomes) {
        Map<Object, List<Integer>> chains = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            chains.computeIfAbsent(chainKey(batch.get(i)), k -> new ArrayList<>())
                    .add(i);
        }
        List<CompletableFuture<Void>> running = new ArrayList<>(chains.size());
        for (List<Integer> chain : chains.values()) {
            running.add(CompletableFuture.runAsync(
                    () -> runChain(batch, chain, invocation, call, completed, outcomes), workers));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Records of one partition key (or, without a configured attribute, one item key) form a chain. */
    private Object chainKey(ChangeRecord record) {
        try {
            Map<String, AttributeValue> keys = record.keys();
            if (partitionKey != null && keys.containsKey(partitionKey)) {
                return keys.get(partitionKey);
            }
            return keys;
        } catch (RuntimeException unreadableKeys) {
            return UnreadableKeys.INSTANCE; // such records share one chain, in order
        }
    }

    private enum UnreadableKeys {
        INSTANCE
    }

    private static BatchSummary summarize(List<ChangeRecord> batch, BatchResult result, InvocationContext invocation) {
        int[] counts = new int[RecordOutcome.Status.values().length];
        for (RecordOutcome outcome : result.outcomes()) {
            counts[outcome.status().ordinal()]++;
        }
        Optional<Duration> age = batch.isEmpty()
                ? Optional.empty()
                : batch.get(batch.size() - 1)
                        .approximateCreationDateTime()
                        .map(created -> Duration.between(created, Instant.now(invocation.clock())));
        return new BatchSummary(
                batch.size(),
                counts[RecordOutcome.Status.SUCCEEDED.ordinal()],
                counts[RecordOutcome.Status.SKIPPED_DUPLICATE.ordinal()],
                counts[RecordOutcome.Status.FAILED.ordinal()],
                counts[RecordOutcome.Status.DEAD_LETTERED.ordinal()],
                counts[RecordOutcome.Status.NOT_ATTEMPTED.ordinal()],
                result.duration(),
                age,
                result.failure().map(f -> f.record().sequenceNumber()),
                counts[RecordOutcome.Status.SKIPPED_OLDER.ordinal()]);
    }

    static void logFailure(ChangeRecord record, Throwable cause) {
        Log.LOG.warn(
                "Record failed; it and the records after it will be delivered again: eventID={}, sequenceNumber={}, keys={}",
                record.eventId(),
                record.sequenceNumber(),
                describeKeys(record),
                cause);
    }

    static String describeKeys(ChangeRecord record) {
        try {
            StringBuilder keys = new StringBuilder("{");
            for (Map.Entry<String, AttributeValue> key : record.keys().entrySet()) {
                if (keys.length() > 1) {
                    keys.append(", ");
                }
                keys.append(key.getKey()).append('=').append(describeKey(key.getValue()));
            }
            return keys.append('}').toString();
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String describeKey(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value();
        }
        if (value instanceof AttributeValue.N n) {
            return n.value().toPlainString();
        }
        return value.toString();
    }
}
