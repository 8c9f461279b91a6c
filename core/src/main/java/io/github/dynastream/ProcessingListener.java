package io.github.dynastream;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Observes processing: one call per record outcome and one per batch. Use it for metrics (EMF,
 * Micrometer) or custom logs. Outcomes carry records, so a listener can read images; dynastream's own
 * logging never does.
 *
 * <pre>{@code
 * StreamProcessor.builder()
 *         .handler(new OrderEvents())
 *         .listener(new ProcessingListener() {
 *             public void onBatch(BatchSummary summary) {
 *                 metrics.put("IteratorAgeMs", summary.iteratorAge().map(Duration::toMillis).orElse(0L));
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>In parallel mode {@link #onRecord} is called from several threads at once; implementations
 * must be thread-safe. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface ProcessingListener {
    /**
     * A listener that hands every record outcome to {@code consumer}, for when only records matter.
     *
     * <pre>{@code
     * List<RecordOutcome> outcomes = new CopyOnWriteArrayList<>();
     * StreamProcessor.builder().handler(new OrderEvents()).listener(ProcessingListener.onRecords(outcomes::add));
     * }</pre>
     */
    static ProcessingListener onRecords(Consumer<RecordOutcome> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return new ProcessingListener() {
            @Override
            public void onRecord(RecordOutcome outcome) {
                consumer.accept(outcome);
            }
        };
    }

    /** A record finished (or was found not to need running). */
    default void onRecord(RecordOutcome outcome) {}

    /** A batch finished. */
    default void onBatch(BatchSummary summary) {}
}
