package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.AttributeValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The mapping's rules read any {@link ShardSource}, not only the simulator's: here one that, like a
 * GetRecords poller, cannot say when its next record comes.
 */
class EventSourceMappingTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final TestTable table =
            StreamEvents.table("Orders").partitionKey("id").build();

    /** Hands out each record once it was written, when asked; never knows when the next one comes. */
    private static final class PolledShard implements ShardSource {
        private final List<ShardRecord> records;
        private final List<Instant> polls = new ArrayList<>();
        private int next;

        PolledShard(List<ShardRecord> records) {
            this.records = records;
        }

        @Override
        public List<ShardRecord> read(Instant now) {
            polls.add(now);
            List<ShardRecord> read = new ArrayList<>();
            while (next < records.size() && !records.get(next).writtenAt().isAfter(now)) {
                read.add(records.get(next++));
            }
            return read;
        }

        @Override
        public Optional<Instant> nextWrite() {
            return Optional.empty();
        }

        @Override
        public boolean exhausted() {
            return next == records.size();
        }

        @Override
        public boolean live() {
            return true;
        }
    }

    private static MappingSettings settings() {
        return new MappingSettings(
                100,
                true,
                -1,
                false,
                Duration.ZERO,
                1,
                null,
                DestinationType.SQS,
                10_000,
                "shardId-1",
                "arn:aws:lambda:eu-west-1:123456789012:function:f");
    }

    @Test
    void aSourceThatCannotSayWhenRecordsComeIsPolledFourTimesASecond() {
        TestStream stream =
                table.stream().insert(Map.of("id", AttributeValue.s("a"))).insert(Map.of("id", AttributeValue.s("b")));
        PolledShard source = new PolledShard(List.of(
                new ShardRecord(stream.record(0), START), new ShardRecord(stream.record(1), START.plusMillis(1100))));

        Simulation simulation = new EventSourceMapping(settings())
                .run(source, MappingClock.simulated(Duration.ofMillis(100), START), event -> null);

        // The second record is written at 1.1 s; the poll at 1.25 s finds it.
        assertThat(simulation.invocations()).extracting(Invocation::at).containsExactly(START, START.plusMillis(1250));
        assertThat(simulation.records()).isEqualTo(stream.records());
        assertThat(source.polls).contains(START.plusMillis(250), START.plusMillis(1000));
    }
}
