package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamGeneratorsProperties {
    private final TestTable sorted =
            StreamEvents.table("Items").partitionKey("pk").sortKey("sk").build();
    private final TestTable simple =
            StreamEvents.table("Items").partitionKey("pk").build();

    private HistoryGenerator<Map<String, AttributeValue>> sortedHistories() {
        return StreamGenerators.histories(sorted)
                .partitionKeys(1, 3)
                .sortKeysPerPartition(1, 3)
                .changesPerItem(1, 5);
    }

    private HistoryGenerator<Map<String, AttributeValue>> simpleHistories() {
        return StreamGenerators.histories(simple).partitionKeys(2, 4).changesPerItem(2, 4);
    }

    private HistoryGenerator<Map<String, AttributeValue>> richHistories() {
        return StreamGenerators.histories(sorted).partitionKeys(1, 2).changesPerItem(1, 3);
    }

    @Test
    void historiesFollowValidLifeCyclesPerItem() {
        Theories.qt(200).forAll(sortedHistories()).checkAssert(history -> {
            Map<String, Boolean> exists = new HashMap<>();
            Map<String, Integer> changes = new HashMap<>();
            for (History.Step<Map<String, AttributeValue>> step : history.steps()) {
                String key = step.partitionKey() + "/" + step.sortKey();
                boolean present = exists.getOrDefault(key, false);
                switch (step.kind()) {
                    case INSERT ->
                        assertThat(present)
                                .as("INSERT of an existing item %s", key)
                                .isFalse();
                    default ->
                        assertThat(present)
                                .as("%s of a missing item %s", step.kind(), key)
                                .isTrue();
                }
                exists.put(key, step.kind() == History.Kind.INSERT || step.kind() == History.Kind.MODIFY);
                changes.merge(key, 1, Integer::sum);
                assertThat(step.sortKey()).isNotNull();
                if (step.after() != null) {
                    assertThat(step.after())
                            .containsEntry("pk", AttributeValue.s(step.partitionKey()))
                            .containsEntry("sk", AttributeValue.s(step.sortKey()));
                }
            }
            assertThat(changes.values()).allSatisfy(n -> assertThat(n).isBetween(1, 5));
            assertThat(changes.keySet().stream()
                            .map(k -> k.split("/")[0])
                            .distinct()
                            .count())
                    .isBetween(1L, 3L);
        });
    }

    @Test
    void historiesWithoutSortKeyUseOnlyPartitionKeys() {
        Theories.qt(100).forAll(simpleHistories()).checkAssert(history -> {
            assertThat(history.steps())
                    .allSatisfy(step -> assertThat(step.sortKey()).isNull());
            assertThat(history.toStream().records()).hasSize(history.size());
        });
    }

    /** Every attribute type survives the trip DSL -> Lambda JSON -> streaming parser, and the runtime's deserializer. */
    @Test
    void eventsRoundTripLosslessly() {
        Theories.qt(150).forAll(richHistories()).checkAssert(history -> {
            TestStream stream = history.toStream();

            assertThat(ReadBack.parsed(stream)).isEqualTo(stream.records());
            DynamodbEvent viaRuntime = ReadBack.viaRuntime(stream);
            assertThat(viaRuntime).isEqualTo(stream.toDynamodbEvent());
        });
    }

    /** Items mapped straight from the event's bytes equal items mapped from decoded attributes. */
    @Test
    void rawAndDecodedImagesMapToEqualItems() {
        Theories.qt(150).forAll(richHistories()).checkAssert(history -> {
            TestStream stream = history.toStream();
            List<Object> viaBytes = new ArrayList<>();
            List<Object> viaAttributes = new ArrayList<>();
            StreamProcessor fromBytes = StreamProcessor.builder()
                    .handler(new Object() {
                        @OnInsert
                        @OnModify
                        @OnRemove
                        void on(Map<String, Object> item) {
                            viaBytes.add(item);
                        }
                    })
                    .logBatchSummary(false)
                    .build();
            StreamProcessor fromAttributes = StreamProcessor.builder()
                    .handler(new Object() {
                        @OnInsert
                        @OnModify
                        @OnRemove
                        void on(Map<String, Object> item) {
                            viaAttributes.add(item);
                        }
                    })
                    .logBatchSummary(false)
                    .build();

            assertThat(fromBytes.process(stream.toInputStream()).getBatchItemFailures())
                    .isEmpty();
            assertThat(fromAttributes.processRecords(stream.records()).isSuccess())
                    .isTrue();

            ObjectMapper json = new ObjectMapper();
            JsonNode bytesTree = json.valueToTree(viaBytes);
            JsonNode attributesTree = json.valueToTree(viaAttributes);
            assertThat(bytesTree).isEqualTo(attributesTree);
            assertThat(viaBytes).hasSize(stream.records().size());
        });
    }

    @Test
    void failurePlansStayInsideTheShard() {
        Theories.qt(100).forAll(StreamGenerators.failurePlans(20)).checkAssert(plan -> {
            assertThat(plan.failingDeliveries().keySet())
                    .allSatisfy(p -> assertThat(p).isBetween(0, 19));
            assertThat(plan.failingDeliveries().values())
                    .allSatisfy(n -> assertThat(n)
                            .satisfiesAnyOf(
                                    v -> assertThat(v).isBetween(1, 3),
                                    v -> assertThat(v).isEqualTo(FailurePlan.PERMANENT)));
        });
    }
}
