package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Shard lineage, which moto cannot produce (its streams have one shard): a stream whose first shard
 * was split, served by a small in-memory DynamoDB Streams API.
 */
class LocalStreamRunnerTest {
    private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-01T00:00:00.000";

    /** Shards in DescribeStream order, each with its parent and records; closed shards have an end. */
    private static final class SplitStream implements DynamoDbStreamsClient {
        final Map<String, String> parents = new LinkedHashMap<>();
        final Map<String, List<String>> records = new LinkedHashMap<>();
        final Map<String, Boolean> closed = new LinkedHashMap<>();

        void shard(String id, String parent, boolean isClosed, String... sequenceNumbers) {
            parents.put(id, parent);
            records.put(id, List.of(sequenceNumbers));
            closed.put(id, isClosed);
        }

        @Override
        public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
            List<Shard> shards = new ArrayList<>();
            parents.forEach((id, parent) -> shards.add(Shard.builder()
                    .shardId(id)
                    .parentShardId(parent)
                    .sequenceNumberRange(SequenceNumberRange.builder()
                            .startingSequenceNumber(records.get(id).get(0))
                            .endingSequenceNumber(closed.get(id) ? "999" : null)
                            .build())
                    .build()));
            return DescribeStreamResponse.builder()
                    .streamDescription(d -> d.streamArn(ARN).shards(shards))
                    .build();
        }

        @Override
        public DescribeStreamResponse describeStream(Consumer<DescribeStreamRequest.Builder> request) {
            return describeStream(
                    DescribeStreamRequest.builder().applyMutation(request).build());
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return GetShardIteratorResponse.builder()
                    .shardIterator(request.shardId() + "@0")
                    .build();
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            String[] iterator = request.shardIterator().split("@");
            String shard = iterator[0];
            int from = Integer.parseInt(iterator[1]);
            List<String> all = records.get(shard);
            List<Record> page = new ArrayList<>();
            for (String sequenceNumber : all.subList(from, all.size())) {
                page.add(Record.builder()
                        .eventID("event-" + sequenceNumber)
                        .eventName(OperationType.INSERT)
                        .eventSource("aws:dynamodb")
                        .awsRegion("us-east-1")
                        .dynamodb(StreamRecord.builder()
                                .sequenceNumber(sequenceNumber)
                                .keys(Map.of("id", AttributeValue.fromS(shard + "/" + sequenceNumber)))
                                .streamViewType(StreamViewType.KEYS_ONLY)
                                .build())
                        .build());
            }
            boolean end = closed.get(shard);
            return GetRecordsResponse.builder()
                    .records(page)
                    .nextShardIterator(end && page.isEmpty() ? null : shard + "@" + all.size())
                    .build();
        }

        @Override
        public GetRecordsResponse getRecords(Consumer<GetRecordsRequest.Builder> request) {
            return getRecords(GetRecordsRequest.builder().applyMutation(request).build());
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    @Test
    void aChildShardIsReadOnlyAfterItsParentWasReadToItsEnd() {
        SplitStream stream = new SplitStream();
        // DescribeStream lists the children first, so order comes from the lineage, not the listing.
        stream.shard("child-a", "parent", false, "300", "301");
        stream.shard("child-b", "parent", false, "400");
        stream.shard("parent", "trimmed-grandparent", true, "100", "101", "102");
        List<String> seen = new ArrayList<>();

        try (LocalStreamRunner runner =
                LocalStreamRunner.builder().streams(stream).streamArn(ARN).build()) {
            Simulation simulation = runner.drain(event -> {
                event.getRecords().forEach(r -> seen.add(r.getDynamodb().getSequenceNumber()));
                return new StreamsEventResponse();
            });

            assertThat(seen).containsExactly("100", "101", "102", "300", "301", "400");
            assertThat(simulation.records()).hasSize(6);
            assertThat(simulation.invocations()).extracting(Invocation::number).containsExactly(1, 2, 3);
        }
    }

    /** Records the sequence numbers of each batch; a batch holding {@code poison} fails. */
    private static Function<DynamodbEvent, StreamsEventResponse> failingOn(String poison, List<List<String>> batches) {
        return event -> {
            List<String> batch = event.getRecords().stream()
                    .map(r -> r.getDynamodb().getSequenceNumber())
                    .toList();
            batches.add(batch);
            if (batch.contains(poison)) {
                throw new IllegalStateException("poison");
            }
            return new StreamsEventResponse();
        };
    }

    @Test
    void aPoisonRecordInOneShardDoesNotKeepAnotherShardsRecordsFromBeingDeliveredInTheSameDrain() {
        SplitStream stream = new SplitStream();
        stream.shard("shard-a", null, false, "100", "101");
        stream.shard("shard-b", null, false, "200", "201");
        List<List<String>> batches = new ArrayList<>();

        try (LocalStreamRunner runner = LocalStreamRunner.builder()
                .streams(stream)
                .streamArn(ARN)
                .maximumRetryAttempts(3)
                .build()) {
            Simulation simulation = runner.drain(failingOn("100", batches));

            // The shards take turns: shard-b's batch goes between shard-a's first attempt and its retries.
            assertThat(batches)
                    .containsExactly(
                            List.of("100", "101"),
                            List.of("200", "201"),
                            List.of("100", "101"),
                            List.of("100", "101"),
                            List.of("100", "101"));
            assertThat(simulation.invocations()).extracting(Invocation::number).containsExactly(1, 2, 3, 4, 5);
            assertThat(simulation.invocations().get(1).outcome()).isEqualTo(Invocation.Outcome.SUCCEEDED);
            assertThat(simulation.failureDestination()).singleElement().satisfies(d -> {
                assertThat(d.shardId()).isEqualTo("shard-a");
                assertThat(d.startSequenceNumber()).isEqualTo("100");
            });
        }
    }

    @Test
    void withUnboundedRetriesTheOtherShardIsDeliveredBeforeTheDrainGivesUpAtTheInvocationLimit() {
        SplitStream stream = new SplitStream();
        stream.shard("shard-a", null, false, "100");
        stream.shard("shard-b", null, false, "200");
        stream.shard("shard-c", null, false, "300");
        List<List<String>> batches = new ArrayList<>();

        try (LocalStreamRunner runner = LocalStreamRunner.builder()
                .streams(stream)
                .streamArn(ARN)
                .maximumInvocations(10) // MaximumRetryAttempts -1: shard-a would retry for 24 hours
                .build()) {
            assertThatThrownBy(() -> runner.drain(failingOn("100", batches)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("shard [shard-a] needed more than 10 invocations");

            assertThat(batches.subList(0, 3)).containsExactly(List.of("100"), List.of("200"), List.of("300"));
            assertThat(batches)
                    .hasSize(12)
                    .filteredOn(b -> !b.equals(List.of("100")))
                    .hasSize(2);
        }
    }

    @Test
    void childrenOfAFinishedShardJoinTheTurnsOfShardsStillRunning() {
        SplitStream stream = new SplitStream();
        stream.shard("parent", null, true, "100");
        stream.shard("child", "parent", false, "110");
        stream.shard("other", null, false, "200", "201");
        List<List<String>> batches = new ArrayList<>();

        try (LocalStreamRunner runner = LocalStreamRunner.builder()
                .streams(stream)
                .streamArn(ARN)
                .batchSize(1)
                .build()) {
            runner.drain(failingOn("none", batches));
        }

        // Round 1: parent, other; round 2: other again, and the parent is found finished, so its
        // child starts and takes its turn in round 3.
        assertThat(batches).containsExactly(List.of("100"), List.of("200"), List.of("201"), List.of("110"));
    }
}
