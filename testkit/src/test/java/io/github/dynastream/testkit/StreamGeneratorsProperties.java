package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

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

    @Test
    void historiesNameTheirKeysFromZeroWithoutGaps() {
        Theories.qt(100).forAll(sortedHistories()).checkAssert(history -> {
            Map<String, Set<String>> sortKeys = new HashMap<>();
            history.steps()
                    .forEach(step -> sortKeys.computeIfAbsent(step.partitionKey(), pk -> new TreeSet<>())
                            .add(step.sortKey()));
            assertThat(sortKeys.keySet()).containsExactlyInAnyOrderElementsOf(names("pk", sortKeys.size()));
            sortKeys.values().forEach(sks -> assertThat(sks).containsExactlyElementsOf(names("sk", sks.size())));
        });
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "-" + i);
        }
        return names;
    }

    @Test
    void fixedCountsGiveExactlyThatManyItemsAndChanges() {
        HistoryGenerator<Map<String, AttributeValue>> exact = StreamGenerators.histories(sorted)
                .partitionKeys(2, 2)
                .sortKeysPerPartition(3, 3)
                .changesPerItem(2, 2);
        Theories.qt(50).forAll(exact).checkAssert(history -> {
            assertThat(history.size()).isEqualTo(2 * 3 * 2);
            assertThat(history.steps().stream()
                            .map(step -> step.partitionKey() + "/" + step.sortKey())
                            .distinct()
                            .count())
                    .isEqualTo(6);
        });
    }

    @Test
    void configuringAGeneratorLeavesTheOriginalAsItWas() {
        HistoryGenerator<Map<String, AttributeValue>> original = StreamGenerators.histories(simple);
        HistoryGenerator<Map<String, AttributeValue>> configured =
                original.partitionKeys(1, 1).changesPerItem(1, 1);
        Set<Long> partitionCounts = new HashSet<>();

        Theories.qt(100)
                .forAll(original)
                .checkAssert(history -> partitionCounts.add(history.steps().stream()
                        .map(History.Step::partitionKey)
                        .distinct()
                        .count()));

        assertThat(configured).isNotSameAs(original);
        assertThat(partitionCounts).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    @Test
    void historiesMixAllKindsOfChangesAndInterleaveItems() {
        Set<History.Kind> kinds = new HashSet<>();
        List<Boolean> interleaved = new ArrayList<>();
        Theories.qt(100).forAll(sortedHistories()).checkAssert(history -> {
            history.steps().forEach(step -> kinds.add(step.kind()));
            interleaved.add(isInterleaved(history));
        });

        assertThat(kinds).containsExactlyInAnyOrder(History.Kind.values());
        assertThat(interleaved).contains(true, false);
    }

    /** Whether an item's changes are separated by another item's. */
    private static boolean isInterleaved(History<?> history) {
        Set<String> finished = new HashSet<>();
        String previous = null;
        for (History.Step<?> step : history.steps()) {
            String key = step.partitionKey() + "/" + step.sortKey();
            if (!key.equals(previous)) {
                if (!finished.add(key)) {
                    return true;
                }
                previous = key;
            }
        }
        return false;
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
    void imagesHoldWhatDynamoDbStores() {
        Set<String> types = new HashSet<>();
        Theories.qt(200).forAll(StreamGenerators.images()).checkAssert(image -> {
            assertThat(image).hasSizeLessThanOrEqualTo(6);
            assertThat(image.keySet()).allSatisfy(name -> assertThat(name).matches("[a-z]{1,8}"));
            image.values().forEach(value -> checkStorable(value, types));
        });

        assertThat(types).containsExactlyInAnyOrder("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");
    }

    private static void checkStorable(AttributeValue value, Set<String> types) {
        types.add(value.type());
        if (value instanceof AttributeValue.S s) {
            checkText(s.value());
        } else if (value instanceof AttributeValue.N n) {
            checkNumber(n.value());
        } else if (value instanceof AttributeValue.SS ss) {
            assertThat(ss.value()).isNotEmpty().doesNotHaveDuplicates();
            ss.value().forEach(StreamGeneratorsProperties::checkText);
        } else if (value instanceof AttributeValue.NS ns) {
            assertThat(ns.value()).isNotEmpty().doesNotHaveDuplicates();
            ns.value().forEach(StreamGeneratorsProperties::checkNumber);
        } else if (value instanceof AttributeValue.BS bs) {
            assertThat(bs.value()).isNotEmpty();
            assertThat(bs.value().stream().map(ByteBuffer::wrap).distinct().count())
                    .isEqualTo(bs.value().size());
        } else if (value instanceof AttributeValue.M m) {
            m.value().values().forEach(v -> checkStorable(v, types));
        } else if (value instanceof AttributeValue.L l) {
            l.value().forEach(v -> checkStorable(v, types));
        }
    }

    private static void checkText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                        .as("a paired surrogate in %s", text)
                        .isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c))
                        .as("a lone surrogate in %s", text)
                        .isFalse();
            }
        }
    }

    private static void checkNumber(BigDecimal number) {
        assertThat(number.precision()).isLessThanOrEqualTo(38);
        assertThat(number).isEqualByComparingTo(number.stripTrailingZeros());
        assertThat(number.scale()).isEqualTo(number.stripTrailingZeros().scale());
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

    @Test
    void mostRecordsOfAFailurePlanNeverFailAndFewFailPermanently() {
        int[] counts = new int[3]; // never, transient, permanent
        Theories.qt(100).forAll(StreamGenerators.failurePlans(20)).checkAssert(plan -> {
            Map<Integer, Integer> failing = plan.failingDeliveries();
            counts[0] += 20 - failing.size();
            failing.values().forEach(n -> counts[n == FailurePlan.PERMANENT ? 2 : 1]++);
        });

        assertThat(counts[0]).isGreaterThan(counts[1]);
        assertThat(counts[1]).isGreaterThan(counts[2]);
        assertThat(counts[2]).isPositive();
    }

    @Test
    void aShardWithoutRecordsHasNoFailures() {
        Theories.qt(10)
                .forAll(StreamGenerators.failurePlans(0))
                .checkAssert(plan -> assertThat(plan.failingDeliveries()).isEmpty());
    }

    // --- Shrinking: a failing property is reported with a small history, and how to repeat it. ---
    // Each finds its failure from its own seed; the smallest history is what that seed shrinks to.

    private static final Pattern SMALLEST =
            Pattern.compile("Smallest found falsifying value\\(s\\) :-\\R(?:\\{\\d+, )?(History\\[.*?])");
    private static final Pattern SEED = Pattern.compile("Seed was (-?\\d+)");

    @Test
    void aFalsePropertyIsReportedWithTheSmallestHistoryThatBreaksIt() {
        HistoryGenerator<Map<String, AttributeValue>> histories = StreamGenerators.histories(sorted);

        assertThatThrownBy(() -> Theories.qt(200).forAll(histories).check(history -> !modifiedThenRemoved(history)))
                .isInstanceOf(AssertionError.class)
                .satisfies(failure -> assertThat(smallest(failure))
                        .isEqualTo("History[INSERT(pk-0/sk-0), MODIFY(pk-0/sk-0), REMOVE(pk-0/sk-0)]"))
                .satisfies(StreamGeneratorsProperties::namesItsSeedAndHowToRerun);
    }

    /** Whether some item is modified and then, as its next change, removed by a user. */
    private static boolean modifiedThenRemoved(History<?> history) {
        Map<String, History.Kind> last = new HashMap<>();
        for (History.Step<?> step : history.steps()) {
            String key = step.partitionKey() + "/" + step.sortKey();
            if (step.kind() == History.Kind.REMOVE && last.get(key) == History.Kind.MODIFY) {
                return true;
            }
            last.put(key, step.kind());
        }
        return false;
    }

    @Test
    void aFalseBoundOnTheSizeIsReportedWithAHistoryJustOverIt() {
        assertThatThrownBy(() -> Theories.qt(100)
                        .forAll(StreamGenerators.histories(sorted))
                        .checkAssert(history -> assertThat(history.size()).isLessThanOrEqualTo(3)))
                .isInstanceOf(AssertionError.class)
                .satisfies(failure -> assertThat(smallest(failure).split(", ")).hasSize(4))
                .satisfies(StreamGeneratorsProperties::namesItsSeedAndHowToRerun);
    }

    /** The batch size comes first: a draw after a history moves whenever the history shrinks. */
    @Test
    void aFalsePropertyOverSeveralGeneratorsShrinksEachOfThem() {
        assertThatThrownBy(() -> Theories.qt(100)
                        .forAll(Generate.range(1, 8), StreamGenerators.histories(simple))
                        .check((batchSize, history) -> history.size() <= 4 || batchSize < 3))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("(?s).*Smallest found falsifying value\\(s\\) :-\\R\\{3, History\\[[^]]*]}.*")
                .satisfies(failure -> assertThat(smallest(failure).split(", ")).hasSize(5));
    }

    private static String smallest(Throwable failure) {
        Matcher matcher = SMALLEST.matcher(failure.getMessage());
        assertThat(matcher.find())
                .as("a smallest history in %s", failure.getMessage())
                .isTrue();
        return matcher.group(1);
    }

    private static void namesItsSeedAndHowToRerun(Throwable failure) {
        Matcher seed = SEED.matcher(failure.getMessage());
        assertThat(seed.find()).as("a seed in %s", failure.getMessage()).isTrue();
        assertThat(failure.getMessage())
                .contains("Run it again with: mvn verify -Dtest='StreamGeneratorsProperties#")
                .contains("-D" + Theories.SEED_PROPERTY + "=" + seed.group(1));
    }

    // --- Arguments ---

    @Test
    void historyGeneratorsRejectCountsBelowOneOrOutOfOrder() {
        HistoryGenerator<Map<String, AttributeValue>> histories = StreamGenerators.histories(sorted);

        assertThatThrownBy(() -> histories.partitionKeys(0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition keys must satisfy 1 <= min <= max but were [0, 3]");
        assertThatThrownBy(() -> histories.partitionKeys(3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition keys must satisfy 1 <= min <= max but were [3, 2]");
        assertThatThrownBy(() -> histories.sortKeysPerPartition(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sort keys per partition must satisfy 1 <= min <= max but were [0, 0]");
        assertThatThrownBy(() -> histories.sortKeysPerPartition(2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sort keys per partition must satisfy 1 <= min <= max but were [2, 1]");
        assertThatThrownBy(() -> histories.changesPerItem(-1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("changes per item must satisfy 1 <= min <= max but were [-1, 4]");
        assertThatThrownBy(() -> histories.changesPerItem(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("changes per item must satisfy 1 <= min <= max but were [5, 4]");
    }

    @Test
    void historiesRejectNullNamingTheParameter() {
        KeyAssigner<Map<String, AttributeValue>> keys = (image, pk, sk) -> image;

        assertThatThrownBy(() -> StreamGenerators.histories(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("table");
        assertThatThrownBy(() -> StreamGenerators.histories(null, StreamGenerators.images(), keys))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("table");
        assertThatThrownBy(() -> StreamGenerators.histories(sorted, null, keys))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("items");
        assertThatThrownBy(() -> StreamGenerators.histories(sorted, StreamGenerators.images(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("keys");
    }

    @Test
    void failurePlansRejectANegativeNumberOfRecords() {
        assertThatThrownBy(() -> StreamGenerators.failurePlans(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("records must be >= 0 but was [-1]");
    }
}
