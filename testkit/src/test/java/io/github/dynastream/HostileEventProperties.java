package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.StreamGenerators;
import io.github.dynastream.testkit.TestTable;
import io.github.dynastream.testkit.Theories;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Valid events, damaged at random (bytes changed, cut short, pieces copied in or left out), through
 * both entry points: each run ends, bounded, with a {@link DynastreamException} or with a response
 * that accounts for every record it parsed; never an {@code Error}, another exception type, or a
 * record dropped without a word.
 */
class HostileEventProperties {
    private final TestTable table =
            StreamEvents.table("Items").partitionKey("pk").sortKey("sk").build();

    /** One change to an event's bytes; positions are fractions of its length, so they shrink well. */
    record Mutation(int kind, int at, int length, int value) {
        byte[] apply(byte[] in) {
            int position = (int) ((long) in.length * at / 10_000);
            int end = Math.min(in.length, position + length);
            return switch (kind) {
                case 0 -> { // a byte changed
                    byte[] out = in.clone();
                    if (position < out.length) {
                        out[position] = (byte) value;
                    }
                    yield out;
                }
                case 1 -> Arrays.copyOf(in, position); // cut short
                case 2 -> { // a piece of the event copied in somewhere else
                    int from = (int) ((long) in.length * value / 256);
                    byte[] piece =
                            Arrays.copyOfRange(in, Math.min(from, in.length), Math.min(in.length, from + length));
                    byte[] out = new byte[in.length + piece.length];
                    System.arraycopy(in, 0, out, 0, position);
                    System.arraycopy(piece, 0, out, position, piece.length);
                    System.arraycopy(in, position, out, position + piece.length, in.length - position);
                    yield out;
                }
                default -> { // a piece left out
                    byte[] out = new byte[in.length - (end - position)];
                    System.arraycopy(in, 0, out, 0, position);
                    System.arraycopy(in, end, out, position, in.length - end);
                    yield out;
                }
            };
        }
    }

    private static Gen<List<Mutation>> mutations() {
        Gen<Mutation> one = Generate.range(0, 3)
                .zip(Generate.range(0, 10_000), Generate.range(1, 64), Generate.range(0, 255), Mutation::new);
        return lists().of(one).ofSizeBetween(1, 3);
    }

    /** What one run saw. */
    private static final class Run {
        final List<RecordOutcome> outcomes = new ArrayList<>();
        int handled;
        final StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(Map<String, Object> item, ChangeRecord record) {
                        handled++;
                    }
                })
                .listener(ProcessingListener.onRecords(outcomes::add))
                .logBatchSummary(false)
                .build();
    }

    /** How the runs ended, so the property shows it met each ending (rejected, a failed record, success). */
    private final Map<String, Integer> endings = new java.util.TreeMap<>();

    @Test
    @Timeout(300)
    void damagedEventsFailClearlyOrAreProcessedWithEveryRecordAccountedFor() {
        Theories.qt(400)
                .forAll(
                        mutations(),
                        StreamGenerators.histories(table).partitionKeys(1, 3).changesPerItem(1, 4))
                .checkAssert((mutations, history) -> {
                    byte[] event = history.toStream().toJsonBytes();
                    for (Mutation mutation : mutations) {
                        event = mutation.apply(event);
                    }
                    byte[] damaged = event;
                    check(run -> run.processor.process(new ByteArrayInputStream(damaged)));
                    DynamodbEvent deserialized = viaRuntime(damaged);
                    if (deserialized != null) {
                        check(run -> run.processor.process(deserialized));
                    }
                });

        assertThat(endings).containsOnlyKeys("rejected", "a record failed", "succeeded");
    }

    private void check(Function<Run, StreamsEventResponse> entryPoint) {
        Run run = new Run();
        StreamsEventResponse response;
        try {
            response = entryPoint.apply(run);
        } catch (DynastreamException clear) {
            assertThat(clear.getMessage()).isNotBlank();
            assertThat(run.handled)
                    .as("records handled before the event was rejected")
                    .isZero();
            endings.merge("rejected", 1, Integer::sum);
            return;
        } catch (Throwable other) {
            throw new AssertionError("expected a DynastreamException or a response but got " + other, other);
        }
        List<String> failed = response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
        List<RecordOutcome> failures = run.outcomes.stream()
                .filter(o -> o.status() == RecordOutcome.Status.FAILED)
                .toList();
        assertThat(run.outcomes)
                .extracting(RecordOutcome::status)
                .doesNotContain(RecordOutcome.Status.SKIPPED_DUPLICATE, RecordOutcome.Status.DEAD_LETTERED);
        endings.merge(failures.isEmpty() ? "succeeded" : "a record failed", 1, Integer::sum);
        if (failures.isEmpty()) {
            assertThat(failed).as("a response with no failed record").isEmpty();
            assertThat(run.outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(RecordOutcome.Status.SUCCEEDED));
        } else {
            RecordOutcome first = failures.get(0);
            assertThat(failures).hasSize(1);
            assertThat(first.cause()).isInstanceOf(DynastreamException.class);
            assertThat(failed).containsExactly(first.record().sequenceNumber());
            int at = run.outcomes.indexOf(first);
            assertThat(run.outcomes.subList(0, at))
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(RecordOutcome.Status.SUCCEEDED));
            assertThat(run.outcomes.subList(at + 1, run.outcomes.size()))
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(RecordOutcome.Status.NOT_ATTEMPTED));
        }
        long succeeded = run.outcomes.stream()
                .filter(o -> o.status() == RecordOutcome.Status.SUCCEEDED)
                .count();
        assertThat(run.handled).isEqualTo(succeeded);
    }

    /** What the managed runtime makes of the bytes, or null if it rejects them before any code of ours. */
    private static DynamodbEvent viaRuntime(byte[] json) {
        try {
            return LambdaEventSerializers.serializerFor(
                            DynamodbEvent.class, HostileEventProperties.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(json));
        } catch (RuntimeException rejected) {
            return null;
        }
    }
}
