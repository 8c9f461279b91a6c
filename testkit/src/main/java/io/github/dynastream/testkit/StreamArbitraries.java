package io.github.dynastream.testkit;

import io.github.dynastream.AttributeValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The testkit's jqwik arbitraries: histories of item life cycles, random images, and failure plans.
 *
 * <pre>{@code
 * @Property(tries = 100, seed = "42")
 * void handlesEachItemInOrder(@ForAll("histories") History<Order> history) { ... }
 *
 * @Provide
 * Arbitrary<History<Order>> histories() {
 *     return StreamArbitraries.histories(table, orders(), (o, pk, sk) -> o.withId(pk));
 * }
 * }</pre>
 */
public final class StreamArbitraries {
    private StreamArbitraries() {}

    /**
     * Histories of items of your type; {@code keys} puts each item's generated key values into it.
     *
     * @param table the table whose key schema and mapper the history uses
     * @param items generated item states
     * @param keys sets the key attributes of a generated item
     */
    public static <T> HistoryArbitrary<T> histories(TestTable table, Arbitrary<T> items, KeyAssigner<T> keys) {
        return new HistoryArbitrary<>(table, items, keys);
    }

    /** Histories of random images ({@link #images()}), keyed by string key attributes. */
    public static HistoryArbitrary<Map<String, AttributeValue>> histories(TestTable table) {
        Objects.requireNonNull(table, "table");
        return new HistoryArbitrary<>(table, images(), (image, partitionKey, sortKey) -> {
            Map<String, AttributeValue> keyed = new LinkedHashMap<>(image);
            keyed.put(table.partitionKey(), AttributeValue.s(partitionKey));
            table.sortKey().ifPresent(name -> keyed.put(name, AttributeValue.s(sortKey)));
            return keyed;
        });
    }

    /**
     * Random images with every attribute type (S, N with up to 38 digits, B, BOOL, NULL, M and L
     * nested a few levels, SS, NS, BS), as DynamoDB would store them: sets non-empty and without
     * duplicates.
     */
    public static Arbitrary<Map<String, AttributeValue>> images() {
        return Arbitraries.maps(attributeNames(), values(2)).ofMaxSize(6).map(LinkedHashMap::new);
    }

    /**
     * Failure plans for a shard of {@code records} records: most records never fail, some fail a few
     * deliveries (transient), a few fail every delivery (permanent).
     */
    public static Arbitrary<FailurePlan> failurePlans(int records) {
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0 but was [" + records + "]");
        }
        if (records == 0) {
            return Arbitraries.just(FailurePlan.none());
        }
        Arbitrary<Integer> fault = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(1, 3)),
                Tuple.of(1, Arbitraries.just(FailurePlan.PERMANENT)));
        return fault.list().ofSize(records).map(faults -> {
            Map<Integer, Integer> plan = new HashMap<>();
            for (int i = 0; i < faults.size(); i++) {
                if (faults.get(i) > 0) {
                    plan.put(i, faults.get(i));
                }
            }
            FailurePlan result = FailurePlan.none();
            for (Map.Entry<Integer, Integer> entry : plan.entrySet()) {
                result = result.withTransient(entry.getKey(), entry.getValue());
            }
            return result;
        });
    }

    private static Arbitrary<String> attributeNames() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    }

    private static Arbitrary<AttributeValue> values(int depth) {
        Arbitrary<AttributeValue> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(AttributeValue.S::new),
                numbers().map(AttributeValue.N::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(AttributeValue.B::new),
                Arbitraries.of(true, false).map(AttributeValue.Bool::new),
                Arbitraries.just(AttributeValue.Null.INSTANCE),
                Arbitraries.strings()
                        .ofMinLength(1)
                        .ofMaxLength(8)
                        .set()
                        .ofMinSize(1)
                        .ofMaxSize(4)
                        .map(set -> new AttributeValue.SS(List.copyOf(set))),
                numbers().set().ofMinSize(1).ofMaxSize(4).map(set -> new AttributeValue.NS(List.copyOf(set))),
                Arbitraries.integers()
                        .between(0, 255)
                        .set()
                        .ofMinSize(1)
                        .ofMaxSize(4)
                        .map(set -> new AttributeValue.BS(set.stream()
                                .map(i -> new byte[] {i.byteValue()})
                                .toList())));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<AttributeValue> nested = values(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalars),
                Tuple.of(1, nested.list().ofMaxSize(3).map(AttributeValue.L::new)),
                Tuple.of(
                        1,
                        Arbitraries.maps(attributeNames(), nested).ofMaxSize(3).map(AttributeValue.M::new)));
    }

    /** Exact decimals of up to 38 significant digits, normalized as DynamoDB stores them. */
    private static Arbitrary<BigDecimal> numbers() {
        Arbitrary<BigDecimal> digits = Arbitraries.bigIntegers()
                .between(
                        new BigInteger("-99999999999999999999999999999999999999"),
                        new BigInteger("99999999999999999999999999999999999999"))
                .map(BigDecimal::new);
        return Combinators.combine(digits, Arbitraries.integers().between(-20, 20))
                .as((unscaled, scale) -> unscaled.scaleByPowerOfTen(-scale).stripTrailingZeros());
    }
}
