package io.github.dynastream.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.BatchSummary;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.examples.quickstart.Order;
import io.github.dynastream.examples.quickstart.OrderEvents;
import io.github.dynastream.testkit.StreamEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The code of docs/observability.md, run. */
class ObservabilityGuideTest {

    @Test
    void aListenerSeesEveryRecordAndEveryBatch() {
        // snippet:listener
        Map<RecordOutcome.Status, Integer> counts = new ConcurrentHashMap<>();
        AtomicReference<Duration> oldest = new AtomicReference<>(Duration.ZERO);
        ProcessingListener metrics = new ProcessingListener() {
            @Override
            public void onRecord(RecordOutcome outcome) { // status, cause, duration
                counts.merge(outcome.status(), 1, Integer::sum);
            }

            @Override
            public void onBatch(BatchSummary summary) { // counts, duration, iterator age
                summary.iteratorAge()
                        .ifPresent(age -> oldest.accumulateAndGet(age, (a, b) -> a.compareTo(b) >= 0 ? a : b));
            }
        };
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new OrderEvents(message -> {}))
                .listener(metrics)
                .logBatchSummary(false) // the one INFO line per batch, off
                .build();
        // end:listener

        processor.process(StreamEvents.table("Orders").partitionKey("id").build().stream()
                .insert(new Order("o-1", "alice", "PLACED", BigDecimal.ONE))
                .toInputStream());

        assertThat(counts).containsEntry(RecordOutcome.Status.SUCCEEDED, 1);
        assertThat(oldest.get()).isPositive(); // the record was written in 2026-01-01
    }
}
