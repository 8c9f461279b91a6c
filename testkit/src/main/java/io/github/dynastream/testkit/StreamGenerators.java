package io.github.dynastream.testkit;

import io.github.dynastream.AttributeValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The testkit's QuickTheories generators: histories of item life cycles, random images, and failure
 * plans. Run them with {@link Theories#qt(int)}, which seeds every property and prints how to
 * repeat a failure.
 *
 * <pre>{@code
 * @Test
 * void handlesEachOrderInStreamOrder() {
 *     Theories.qt(200)
 *             .forAll(Generate.range(1, 10),
 *                     StreamGenerators.failurePlans(72),
 *                     StreamGenerators.histories(table, orders(), (o, pk, sk) -> o.withKeys(pk, sk)))
 *             .checkAssert((batchSize, plan, history) -> { ... });
 * }
 * }</pre>
 *
 * <p>Every generator shrinks: a failing property is reported with a small example (few items,
 * short life cycles, small images, few failures) rather than the random one that first failed.
 * QuickTheories shrinks the values a property drew one at a time, and a value drawn after a history
 * moves whenever the history shrinks. So list fixed-size generators first and histories last, and
 * draw a failure plan for the longest shard rather than from the history; a plan's positions beyond
 * the shard are ignored.
 */
public final class StreamGenerators {
    private static final int MAX_NUMBER_DIGITS = 38;
    /** Seeds of strings, numbers and binary values: few enough that a shrink reaches 0 in a few steps. */
    private static final Gen<Long> SEEDS = Generate.longRange(0, (1 << 24) - 1);
    /** Symbols a string's code points are picked by. */
    private static final int CODE_POINT_SYMBOLS = 1 << 20;

    private static final int BMP_BELOW_SURROGATES = Character.MIN_SURROGATE - 0x80;
    private static final int BMP_ABOVE_SURROGATES = 0xfffd - Character.MAX_SURROGATE;
    private static final int SUPPLEMENTARY = Character.MAX_CODE_POINT + 1 - Character.MIN_SUPPLEMENTARY_CODE_POINT;

    private StreamGenerators() {}

    /**
     * Histories of items of your type; {@code keys} puts each item's generated key values into it.
     *
     * @param table the table whose key schema and mapper the history uses
     * @param items generated item states
     * @param keys sets the key attributes of a generated item
     */
    public static <T> HistoryGenerator<T> histories(TestTable table, Gen<T> items, KeyAssigner<T> keys) {
        return new HistoryGenerator<>(table, items, keys);
    }

    /** Histories of random images ({@link #images()}), keyed by string key attributes. */
    public static HistoryGenerator<Map<String, AttributeValue>> histories(TestTable table) {
        Objects.requireNonNull(table, "table");
        return new HistoryGenerator<>(table, images(), (image, partitionKey, sortKey) -> {
            Map<String, AttributeValue> keyed = new LinkedHashMap<>(image);
            keyed.put(table.partitionKey(), AttributeValue.s(partitionKey));
            table.sortKey().ifPresent(name -> keyed.put(name, AttributeValue.s(sortKey)));
            return keyed;
        });
    }

    /**
     * Random images of up to 6 attributes with every attribute type (S, N with up to 38 digits, B,
     * BOOL, NULL, M and L nested a few levels, SS, NS, BS), as DynamoDB would store them: numbers
     * normalized, sets non-empty and without duplicates. Shrinks towards the empty image.
     */
    public static Gen<Map<String, AttributeValue>> images() {
        return mapsOf(values(2), 6);
    }

    /**
     * Failure plans for a shard of up to {@code records} records (an injector ignores positions
     * beyond a shorter shard): most records never fail, some fail a few deliveries (transient, 1 to
     * 3), a few fail every delivery (permanent). Shrinks towards no failures.
     *
     * @throws IllegalArgumentException if {@code records} is negative
     */
    public static Gen<FailurePlan> failurePlans(int records) {
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0 but was [" + records + "]");
        }
        Gen<Integer> failingDeliveries = Generate.frequency(
                Pair.of(8, Generate.constant(0)),
                Pair.of(3, Generate.range(1, 3)),
                Pair.of(1, Generate.constant(FailurePlan.PERMANENT)));
        return listsOf(failingDeliveries, records, records).map(faults -> {
            FailurePlan plan = FailurePlan.none();
            for (int position = 0; position < faults.size(); position++) {
                if (faults.get(position) > 0) {
                    plan = plan.withTransient(position, faults.get(position));
                }
            }
            return plan;
        });
    }

    /*
     * QuickTheories shrinks by picking one recorded draw at random and moving it towards its shrink
     * point. Every draw an image makes is one more place that pick can land without making the
     * history any smaller, so images are drawn with few draws: a string, a number's digits or a
     * binary value is a length and one seed. The type choices list the cheapest type last, because
     * an example with every draw at its maximum is among the first tried.
     */

    private static Gen<Map<String, AttributeValue>> mapsOf(Gen<AttributeValue> values, int maxSize) {
        Gen<Pair<String, AttributeValue>> entry = attributeNames().zip(values, Pair::of);
        return listsOf(entry, 0, maxSize).map(entries -> {
            // A repeated name keeps its first value, as a map literal with a duplicate key could not.
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            entries.forEach(e -> map.putIfAbsent(e._1, e._2));
            return map;
        });
    }

    private static Gen<String> attributeNames() {
        return symbols(1, 8, 26).map(letters -> {
            StringBuilder name = new StringBuilder(letters.length);
            for (int letter : letters) {
                name.append((char) ('a' + letter));
            }
            return name.toString();
        });
    }

    private static Gen<AttributeValue> values(int depth) {
        List<Pair<Integer, Gen<AttributeValue>>> types = new ArrayList<>();
        int scalar = depth == 0 ? 1 : 6;
        types.add(Pair.of(scalar, strings(0, 20).map(AttributeValue.S::new)));
        types.add(Pair.of(scalar, numbers().map(AttributeValue.N::new)));
        types.add(
                Pair.of(scalar, symbols(0, 16, 256).map(StreamGenerators::bytes).map(AttributeValue.B::new)));
        types.add(Pair.of(scalar, Generate.booleans().map(AttributeValue.Bool::new)));
        types.add(Pair.of(scalar, setsOf(strings(1, 8)).map(AttributeValue.SS::new)));
        types.add(Pair.of(scalar, setsOf(numbers()).map(AttributeValue.NS::new)));
        types.add(Pair.of(
                scalar,
                symbols(1, 4, 256)
                        .map(members -> new AttributeValue.BS(Arrays.stream(members)
                                .distinct()
                                .mapToObj(b -> new byte[] {(byte) b})
                                .toList()))));
        if (depth > 0) {
            Gen<AttributeValue> nested = values(depth - 1);
            types.add(Pair.of(8, listsOf(nested, 0, 3).map(AttributeValue.L::new)));
            types.add(Pair.of(8, mapsOf(nested, 3).map(AttributeValue.M::new)));
        }
        types.add(Pair.of(scalar, Generate.constant(AttributeValue.Null.INSTANCE)));
        return Generate.frequency(types);
    }

    /** Set members: 1 to 4 distinct values, since DynamoDB rejects empty sets and duplicates. */
    private static <E> Gen<List<E>> setsOf(Gen<E> members) {
        return listsOf(members, 1, 4).map(list -> list.stream().distinct().toList());
    }

    /** Lists whose length is drawn first and shrinks towards {@code min}. */
    private static <E> Gen<List<E>> listsOf(Gen<E> elements, int min, int max) {
        Gen<Integer> sizes = Generate.range(min, max);
        return in -> {
            int size = sizes.generate(in);
            List<E> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(elements.generate(in));
            }
            return list;
        };
    }

    /**
     * {@code min} to {@code max} symbols from {@code 0} to {@code alphabet - 1}: a length, then one
     * draw that seeds them all. The length shrinks towards {@code min} and keeps the symbols in front;
     * the seed shrinks towards 0, which makes every symbol 0.
     */
    private static Gen<int[]> symbols(int min, int max, int alphabet) {
        Gen<Integer> lengths = Generate.range(min, max);
        return lengths.zip(SEEDS, (length, seed) -> {
            int[] symbols = new int[length];
            if (seed != 0) {
                SplittableRandom random = new SplittableRandom(seed);
                Arrays.setAll(symbols, i -> random.nextInt(alphabet));
            }
            return symbols;
        });
    }

    private static byte[] bytes(int[] symbols) {
        byte[] bytes = new byte[symbols.length];
        for (int i = 0; i < symbols.length; i++) {
            bytes[i] = (byte) symbols[i];
        }
        return bytes;
    }

    /**
     * Strings of {@code min} to {@code max} code points: most printable ASCII (shrinking towards
     * 'a'), some control characters (which JSON escapes), other BMP characters and supplementary
     * ones (surrogate pairs in UTF-16). No lone surrogates: DynamoDB stores strings as UTF-8, which
     * cannot hold them.
     */
    private static Gen<String> strings(int min, int max) {
        return symbols(min, max, CODE_POINT_SYMBOLS).map(symbols -> {
            StringBuilder text = new StringBuilder(symbols.length);
            for (int symbol : symbols) {
                text.appendCodePoint(codePoint(symbol));
            }
            return text.toString();
        });
    }

    /** 60% printable ASCII from 'a' on, 10% control characters, 20% other BMP, 10% other planes. */
    private static int codePoint(int symbol) {
        int tenth = CODE_POINT_SYMBOLS / 10;
        if (symbol < 6 * tenth) {
            return 0x20 + (symbol + 'a' - 0x20) % 95;
        } else if (symbol < 7 * tenth) {
            return symbol % 0x20;
        } else if (symbol < 9 * tenth) {
            int bmp = symbol % (BMP_BELOW_SURROGATES + BMP_ABOVE_SURROGATES);
            return bmp < BMP_BELOW_SURROGATES ? 0x80 + bmp : Character.MAX_SURROGATE + 1 + bmp - BMP_BELOW_SURROGATES;
        } else {
            // Spread over all sixteen planes rather than the first few.
            return Character.MIN_SUPPLEMENTARY_CODE_POINT + (symbol - 9 * tenth) * 10 % SUPPLEMENTARY;
        }
    }

    /**
     * Exact decimals of up to 38 significant digits, normalized as DynamoDB stores them. The number
     * of digits is drawn first, so short and long numbers are equally likely and a failure shrinks to
     * one digit.
     */
    private static Gen<BigDecimal> numbers() {
        Gen<Boolean> negative = Generate.booleans();
        Gen<Integer> scales = Generate.range(-20, 20);
        return symbols(1, MAX_NUMBER_DIGITS, 10).zip(negative, scales, (digitList, minus, scale) -> {
            StringBuilder text = new StringBuilder(minus ? "-" : "");
            Arrays.stream(digitList).forEach(text::append);
            return new BigDecimal(text.toString()).scaleByPowerOfTen(-scale).stripTrailingZeros();
        });
    }
}
