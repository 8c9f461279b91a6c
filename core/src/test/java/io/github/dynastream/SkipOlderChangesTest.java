package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-item order guard: an item's older change is skipped, ties and untimed changes run. */
class SkipOlderChangesTest {
    private final List<String> handled = new ArrayList<>();
    private final List<RecordOutcome.Status> statuses = new ArrayList<>();
    private final List<BatchSummary> summaries = new ArrayList<>();

    private StreamProcessor processor(LastAppliedStore store) {
        return StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    void changed(ChangeRecord record) {
                        handled.add(record.eventId());
                    }
                })
                .skipOlderChanges(store)
                .listener(new ProcessingListener() {
                    @Override
                    public void onRecord(RecordOutcome outcome) {
                        statuses.add(outcome.status());
                    }

                    @Override
                    public void onBatch(BatchSummary summary) {
                        summaries.add(summary);
                    }
                })
                .logBatchSummary(false)
                .build();
    }

    private static ChangeRecord change(String eventId, String id, long sequence, Instant created) {
        return ChangeRecord.builder()
                .eventId(eventId)
                .eventName(EventName.MODIFY)
                .sequenceNumber(Long.toString(sequence))
                .tableName("Orders")
                .approximateCreationDateTime(created)
                .keys(Map.of("id", AttributeValue.s(id)))
                .build();
    }

    private static final Instant T = Instant.parse("2026-01-01T00:00:00.001Z");

    @Test
    void anItemsOlderChangeIsSkippedAndOtherItemsAreNotAffected() {
        StreamProcessor processor = processor(LastAppliedStore.inMemory());

        BatchResult result = processor.processRecords(List.of(
                change("e-2", "o-1", 1, T.plusMillis(1)),
                change("e-1", "o-1", 2, T),
                change("e-9", "o-2", 3, T),
                change("e-3", "o-1", 4, T.plusMillis(2))));

        assertThat(handled).containsExactly("e-2", "e-9", "e-3");
        assertThat(statuses)
                .containsExactly(
                        RecordOutcome.Status.SUCCEEDED,
                        RecordOutcome.Status.SKIPPED_OLDER,
                        RecordOutcome.Status.SUCCEEDED,
                        RecordOutcome.Status.SUCCEEDED);
        assertThat(result.completedPrefix()).hasSize(4);
        assertThat(result.toResponse().getBatchItemFailures()).isEmpty();
        assertThat(summaries).singleElement().satisfies(s -> {
            assertThat(s.skippedOlder()).isEqualTo(1);
            assertThat(s.succeeded()).isEqualTo(3);
        });
    }

    @Test
    void equalTimesAndChangesWithoutATimeRun() {
        StreamProcessor processor = processor(LastAppliedStore.inMemory());

        processor.processRecords(
                List.of(change("e-1", "o-1", 1, T), change("e-2", "o-1", 2, T), change("e-3", "o-1", 3, null)));

        assertThat(handled).containsExactly("e-1", "e-2", "e-3");
    }

    @Test
    void keysAreMatchedByValueNotByHowTheNumberIsWritten() {
        LastAppliedStore store = LastAppliedStore.inMemory();
        StreamProcessor processor = processor(store);
        ChangeRecord later = change("e-2", "x", 1, T.plusSeconds(1)).toBuilder()
                .keys(Map.of("n", AttributeValue.n("1.50")))
                .build();
        ChangeRecord earlier = change("e-1", "x", 2, T).toBuilder()
                .keys(Map.of("n", AttributeValue.n("1.5")))
                .build();

        processor.processRecords(List.of(later, earlier));

        assertThat(handled).containsExactly("e-2");
    }

    @Test
    void aStoreThatCannotBeReachedFailsTheRecordRatherThanSkipIt() {
        LastAppliedStore down = new LastAppliedStore() {
            @Override
            public Optional<Instant> lastApplied(String itemKey) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public void recordApplied(String itemKey, Instant createdAt) {}
        };

        BatchResult result = processor(down).processRecords(List.of(change("e-1", "o-1", 7, T)));

        assertThat(handled).isEmpty();
        assertThat(result.toResponse().getBatchItemFailures())
                .singleElement()
                .satisfies(f -> assertThat(f.getItemIdentifier()).isEqualTo("7"));
    }

    @Test
    void theInMemoryStoreKeepsTheLatestTimeForgetsAfterItsRetentionAndChecksItsLimits() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        LastAppliedStore store = LastAppliedStore.inMemory(2, Duration.ofHours(1), clock);

        store.recordApplied("a", T.plusSeconds(5));
        store.recordApplied("a", T);
        assertThat(store.lastApplied("a")).contains(T.plusSeconds(5));
        store.recordApplied("b", T);
        store.recordApplied("c", T); // over the limit: "a" was used least recently
        assertThat(store.lastApplied("a")).isEmpty();
        now[0] = now[0].plus(Duration.ofHours(2));
        assertThat(store.lastApplied("c")).isEmpty();

        assertThatThrownBy(() -> LastAppliedStore.inMemory(0, Duration.ofHours(1), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximum items must be > 0 but was [0]");
        assertThatThrownBy(() -> LastAppliedStore.inMemory(1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keepFor must be positive but was [PT0S]");
    }
}
