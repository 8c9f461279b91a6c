package io.github.dynastream;

import static io.github.dynastream.TestEvents.event;
import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.ItemReader;
import io.github.dynastream.mapping.ItemWriter;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Core;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

class PrimingTest {
    record Order(String id, String status, BigDecimal total) {}

    /** Every handler parameter shape: an item (record and bean), Change<T>, ChangeRecord, the raw image. */
    static final class CountingHandlers {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @OnInsert
        void created(Order order) {
            calls.add("created " + order.id());
        }

        @OnInsert
        void createdBean(ItemMappingTest.OrderBean order) {
            calls.add("createdBean " + order.getId());
        }

        @OnModify
        void changed(Change<Order> change) {
            calls.add("changed " + change.newItem().id());
        }

        @OnModify(changed = "status")
        void statusChanged(Change<Order> change, ChangeRecord record) {
            calls.add("statusChanged " + record.eventId());
        }

        @OnRemove
        void removed(Order order, ChangeRecord record) {
            calls.add("removed " + order.id());
        }

        @OnRemove(ttl = OnRemove.Ttl.ONLY)
        void expired(ChangeRecord record) {
            calls.add("expired " + record.eventId());
        }

        @OnInsert
        void raw(Map<String, AttributeValue> image) {
            calls.add("raw " + image.size());
        }

        @OnInsert
        void failsOn(Order order) {
            if ("BAD".equals(order.status())) {
                throw new IllegalStateException("rejected");
            }
        }
    }

    @Test
    void primingCallsNoHandlerMethodButMapsEveryItemType() {
        CountingHandlers handlers = new CountingHandlers();
        List<String> everythingCalls = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(handlers)
                .handler(new Object() {
                    @OnInsert
                    void everything(ItemMappingTest.Everything everything) {
                        everythingCalls.add("everything");
                    }
                })
                .logBatchSummary(false)
                .build();

        PrimingResult result = processor.prime();

        assertThat(handlers.calls).isEmpty();
        assertThat(everythingCalls).isEmpty();
        assertThat(result.itemTypes())
                .containsExactlyInAnyOrder(
                        Order.class.getTypeName(),
                        ItemMappingTest.OrderBean.class.getTypeName(),
                        ItemMappingTest.Everything.class.getTypeName());
        assertThat(result.mappingFailures()).isEmpty();
        assertThat(result.isComplete()).isTrue();
        // INSERT, MODIFY and REMOVE (and a TTL delete), each plain and per item type, in both input shapes.
        assertThat(result.records()).isGreaterThanOrEqualTo(2 * 4);
    }

    @Test
    void primingRunsEveryItemTypeThroughTheMapperOnBothImagesOfAModify() {
        CountingMapper mapper = new CountingMapper();
        StreamProcessor processor = StreamProcessor.builder()
                .itemMapper(mapper)
                .handler(new CountingHandlers())
                .logBatchSummary(false)
                .build();

        PrimingResult result = processor.prime();

        assertThat(result.isComplete()).isTrue();
        assertThat(mapper.reads(Order.class)).isPositive();
        assertThat(mapper.reads(ItemMappingTest.OrderBean.class)).isPositive();
        // Change<Order> on MODIFY maps both images: two reads per input shape at least.
        assertThat(mapper.reads(Order.class)).isGreaterThanOrEqualTo(2 * 3);
    }

    @Test
    void primingAsksNoIdempotencyStoreOrderGuardDeadLetterSinkOrListener() {
        RecordingStore store = new RecordingStore();
        RecordingGuard guard = new RecordingGuard();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<String> heard = new ArrayList<>();
        CountingHandlers handlers = new CountingHandlers();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(handlers)
                .idempotency(store)
                .skipOlderChanges(guard)
                .retry(RetryPolicy.builder()
                        .maxAttempts(3)
                        .retryOn(IllegalStateException.class)
                        .build())
                .deadLetter(1, deadLetters::add)
                .listener(new ProcessingListener() {
                    @Override
                    public void onRecord(RecordOutcome outcome) {
                        heard.add("record " + outcome.record().eventId());
                    }

                    @Override
                    public void onBatch(BatchSummary summary) {
                        heard.add("batch of " + summary.records());
                    }
                })
                .build();

        processor.prime();

        assertThat(handlers.calls).isEmpty();
        assertThat(store.calls).isEmpty();
        assertThat(guard.calls).isEmpty();
        assertThat(deadLetters).isEmpty();
        assertThat(heard).isEmpty();

        // The same processor then runs a real record through all of them.
        processor.process(event(insert("o-1", 1, order("o-1", "NEW"))));
        assertThat(store.calls).isNotEmpty();
        assertThat(guard.calls).isNotEmpty();
        assertThat(heard).contains("record e-1", "batch of 1");
        assertThat(handlers.calls).contains("created o-1");
    }

    @Test
    void theNextBatchHasTheSameOutcomePrimedOrNot() {
        String[] batch = {
            insert("o-1", 1, order("o-1", "NEW")),
            remove("o-2", 2, order("o-2", "NEW")),
            insert("o-3", 3, order("o-3", "BAD")),
            insert("o-4", 4, order("o-4", "NEW"))
        };

        Run unprimed = Run.of(false, batch);
        Run primed = Run.of(true, batch);

        assertThat(primed.calls).isEqualTo(unprimed.calls).isNotEmpty();
        assertThat(primed.response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(TestEvents.sequenceNumber(3));
        assertThat(primed.statuses).isEqualTo(unprimed.statuses);
        assertThat(primed.storeCalls).isEqualTo(unprimed.storeCalls);
    }

    /** One processor, primed or not, and what one batch did with it. */
    private record Run(
            List<String> calls,
            StreamsEventResponse response,
            List<RecordOutcome.Status> statuses,
            List<String> storeCalls) {
        static Run of(boolean prime, String... records) {
            CountingHandlers handlers = new CountingHandlers();
            RecordingStore store = new RecordingStore();
            List<RecordOutcome.Status> statuses = new ArrayList<>();
            StreamProcessor processor = StreamProcessor.builder()
                    .handler(handlers)
                    .idempotency(store)
                    .listener(ProcessingListener.onRecords(o -> statuses.add(o.status())))
                    .logBatchSummary(false)
                    .build();
            if (prime) {
                processor.prime();
            }
            StreamsEventResponse response = processor.process(event(records));
            return new Run(List.copyOf(handlers.calls), response, statuses, store.keysAndOperations());
        }
    }

    @Test
    void aMappingThatCanNeverWorkIsInThePrimingResultAndFailsTheRealRecordExactlyAsWithoutPriming() {
        List<Throwable> unprimedCauses = new ArrayList<>();
        List<Throwable> primedCauses = new ArrayList<>();
        StreamProcessor unprimed = brokenMapping(unprimedCauses);
        StreamProcessor primed = brokenMapping(primedCauses);

        PrimingResult result = primed.prime();

        assertThat(result.isComplete()).isFalse();
        assertThat(result.mappingFailures())
                .isNotEmpty()
                .allSatisfy(failure -> assertThat(failure).isInstanceOfSatisfying(ItemMappingException.class, e -> {
                    assertThat(e.targetType()).isEqualTo(Order.class.getTypeName());
                    assertThat(e.attribute()).isEqualTo("NewImage");
                    assertThat(e.eventId()).startsWith("dynastream-priming-");
                }));
        assertThat(primedCauses).as("priming tells no listener").isEmpty();

        StreamsEventResponse withoutPriming = unprimed.process(event(insert("o-1", 1, order("o-1", "NEW"))));
        StreamsEventResponse withPriming = primed.process(event(insert("o-1", 1, order("o-1", "NEW"))));

        assertThat(withPriming.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(TestEvents.sequenceNumber(1));
        assertThat(withoutPriming.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(TestEvents.sequenceNumber(1));
        assertThat(primedCauses).singleElement().isInstanceOf(ItemMappingException.class);
        assertThat(primedCauses.get(0))
                .hasMessage(unprimedCauses.get(0).getMessage())
                .hasMessageContaining("e-1");
    }

    private static StreamProcessor brokenMapping(List<Throwable> causes) {
        return StreamProcessor.builder()
                .itemMapper(new BrokenMapper())
                .handler(new Object() {
                    @OnInsert
                    void on(Order order) {
                        throw new AssertionError("never reached: the order cannot be mapped");
                    }
                })
                .listener(ProcessingListener.onRecords(o -> {
                    if (o.cause() != null) {
                        causes.add(o.cause());
                    }
                }))
                .logBatchSummary(false)
                .build();
    }

    record Positive(String id, int quantity) {
        Positive {
            if (quantity < 2) {
                throw new IllegalArgumentException("quantity must be at least 2");
            }
        }
    }

    @Test
    void aSyntheticImageTheItemTypeRejectsIsReportedAndRealImagesStillMap() {
        List<Positive> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Positive item) {
                        seen.add(item);
                    }
                })
                .logBatchSummary(false)
                .build();

        PrimingResult result = processor.prime();
        StreamsEventResponse response =
                processor.process(event(insert("p-1", 1, "{\"id\":{\"S\":\"p-1\"},\"quantity\":{\"N\":\"5\"}}")));

        assertThat(result.mappingFailures())
                .isNotEmpty()
                .allSatisfy(failure -> assertThat(failure)
                        .isInstanceOf(ItemMappingException.class)
                        .hasMessageContaining(Positive.class.getTypeName()));
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(seen).containsExactly(new Positive("p-1", 5));
    }

    @Test
    void primeOnBuildPrimesBeforeTheProcessorIsReturned() {
        CountingMapper mapper = new CountingMapper();
        CountingHandlers handlers = new CountingHandlers();

        StreamProcessor.builder()
                .itemMapper(mapper)
                .handler(handlers)
                .primeOnBuild()
                .logBatchSummary(false)
                .build();

        assertThat(mapper.reads(Order.class)).isPositive();
        assertThat(handlers.calls).isEmpty();
    }

    @Test
    void theCheckpointResourcePrimesBeforeACheckpointAndDoesNothingAfterARestore() throws Exception {
        CountingMapper mapper = new CountingMapper();
        CountingHandlers handlers = new CountingHandlers();
        StreamProcessor processor = StreamProcessor.builder()
                .itemMapper(mapper)
                .handler(handlers)
                .primeBeforeCheckpoint()
                .logBatchSummary(false)
                .build();
        assertThat(mapper.reads(Order.class)).isZero();

        Resource resource = (Resource) processor.checkpointPriming();
        resource.beforeCheckpoint(Core.getGlobalContext());

        int primedReads = mapper.reads(Order.class);
        assertThat(primedReads).isPositive();
        assertThat(handlers.calls).isEmpty();
        assertThatCode(() -> resource.afterRestore(Core.getGlobalContext())).doesNotThrowAnyException();
        assertThat(mapper.reads(Order.class)).isEqualTo(primedReads);
    }

    @Test
    void withoutTheOptionNoCheckpointResourceIsRegistered() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new CountingHandlers())
                .logBatchSummary(false)
                .build();

        assertThat(processor.checkpointPriming()).isNull();
    }

    private static String order(String id, String status) {
        return "{\"id\":{\"S\":\"" + id + "\"},\"status\":{\"S\":\"" + status + "\"},\"total\":{\"N\":\"9.50\"}}";
    }

    /** The default mapper, counting the images it maps per item type (through the map path). */
    static final class CountingMapper implements ItemMapper {
        private final ItemMapper jackson = ItemMapper.jackson();
        private final Map<Type, AtomicInteger> reads = new ConcurrentHashMap<>();

        @Override
        public <T> ItemReader<T> readerFor(Type itemType) {
            ItemReader<T> reader = jackson.readerFor(itemType);
            AtomicInteger count = reads.computeIfAbsent(itemType, t -> new AtomicInteger());
            return image -> {
                count.incrementAndGet();
                return reader.read(image);
            };
        }

        @Override
        public <T> ItemWriter<T> writerFor(Type itemType) {
            return jackson.writerFor(itemType);
        }

        int reads(Type itemType) {
            AtomicInteger count = reads.get(itemType);
            return count == null ? 0 : count.get();
        }
    }

    /** A mapper of one's own that cannot map anything: a configuration that can never work. */
    static final class BrokenMapper implements ItemMapper {
        @Override
        public <T> ItemReader<T> readerFor(Type itemType) {
            return image -> {
                throw new IllegalStateException("this mapper maps nothing");
            };
        }

        @Override
        public <T> ItemWriter<T> writerFor(Type itemType) {
            throw new UnsupportedOperationException();
        }
    }

    /** The real in-memory store, recording every call made to it. */
    static final class RecordingStore implements IdempotencyStore {
        private final IdempotencyStore store = IdempotencyStore.inMemory();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Acquisition acquire(String key, String owner, Instant leaseUntil) {
            calls.add("acquire " + key + " by " + owner);
            return store.acquire(key, owner, leaseUntil);
        }

        @Override
        public void complete(String key, String owner) {
            calls.add("complete " + key + " by " + owner);
            store.complete(key, owner);
        }

        @Override
        public void release(String key, String owner) {
            calls.add("release " + key + " by " + owner);
            store.release(key, owner);
        }

        @Override
        public Set<String> completedAmong(List<String> keys) {
            calls.add("completedAmong " + keys);
            return store.completedAmong(keys);
        }

        /** The calls without the owners, which are random per invocation. */
        List<String> keysAndOperations() {
            return calls.stream().map(c -> c.replaceAll(" by .*", "")).toList();
        }
    }

    /** The real in-memory order guard, recording every call made to it. */
    static final class RecordingGuard implements LastAppliedStore {
        private final LastAppliedStore guard = LastAppliedStore.inMemory();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<Instant> lastApplied(String itemKey) {
            calls.add("lastApplied " + itemKey);
            return guard.lastApplied(itemKey);
        }

        @Override
        public void recordApplied(String itemKey, Instant createdAt) {
            calls.add("recordApplied " + itemKey);
            guard.recordApplied(itemKey, createdAt);
        }
    }
}
