package io.github.dynastream.internal;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.DeadLetterSink;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.LastAppliedStore;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.RetryPolicy;
import java.util.List;
import java.util.function.Function;

/**
 * The processor's settings for running batches, already checked by its builder. Null means "off" for
 * the stores, the retry policy, the dead-letter sink and the partition key.
 *
 * @param parallelism 1 for sequential processing; more for that many worker threads
 */
public record RunOptions(
        IdempotencyStore idempotency,
        Function<ChangeRecord, String> idempotencyKey,
        LastAppliedStore lastApplied,
        RetryPolicy retry,
        int deadLetterAfter,
        DeadLetterSink deadLetterSink,
        int parallelism,
        String partitionKey,
        List<ProcessingListener> listeners) {
    public RunOptions {
        listeners = List.copyOf(listeners);
    }
}
