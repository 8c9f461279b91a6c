package io.github.dynastream.testkit;

import io.github.dynastream.testkit.History.Kind;
import io.github.dynastream.testkit.History.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Generates {@link History histories}: items with life cycles (insert, modifications, a delete or
 * TTL expiry, sometimes a re-insert) over several partition keys and, when the table has one, sort
 * keys, interleaved into one shard. Immutable and thread-safe; each configuration method returns a
 * new generator.
 * Shrinking removes items, shortens life cycles and their runs of modifications, and undoes the
 * interleaving, so a failing property reports a history of few steps.
 *
 * <pre>{@code
 * HistoryGenerator<Order> histories = StreamGenerators.histories(table, orders(), (o, pk, sk) -> o.withId(pk))
 *         .partitionKeys(1, 5)
 *         .changesPerItem(1, 8);
 * Theories.qt(200).forAll(histories).checkAssert(history -> { ... });
 * }</pre>
 *
 * <p>Key values are strings: {@code pk-0}, {@code pk-1}, ... and {@code sk-0}, {@code sk-1}, ...
 *
 * <p>Shrinking tries one draw at a time, picked at random, and every draw counts: each example draws
 * the structure for the maximum number of items and changes, used or not, and the item generator
 * draws once per INSERT and MODIFY. Prefer small maxima and light item generators; a heavy one
 * makes shrinking spend its attempts on the items instead of the history.
 *
 * @param <T> the item type
 */
public final class HistoryGenerator<T> implements Gen<History<T>> {
    /**
     * Ranks pick which key slots are used and order an item's runs of changes. They have no shrink
     * point, so shrinking moves them either way: with ranks that could only fall, two slots could
     * tie, and the lower one would always win even when only the other one makes the property fail.
     */
    private static final Gen<Integer> RANKS = Generate.rangeWithNoShrinkPoint(0, 1_000_000);
    /** Time between an item's changes; equal times merge in item order, so 0 everywhere is no interleaving. */
    private static final Gen<Integer> DELAYS = Generate.range(0, 15);
    /**
     * How many MODIFYs follow an INSERT before the item is deleted: geometric, as if each change
     * after the INSERT were a MODIFY with odds of 60%. Counting the run, rather than choosing each
     * change's kind, lets shrinking drop a MODIFY from the middle of a life cycle.
     */
    private static final Gen<Integer> MODIFY_RUNS =
            Generate.range(0, 9_999).map(u -> (int) Math.floor(Math.log1p(-u / 10_000.0) / Math.log(0.6)));
    /** How a run of changes ends; shrinks towards REMOVE. */
    private static final Gen<Kind> DELETES = Generate.frequency(
            Pair.of(5, Generate.constant(Kind.REMOVE)), Pair.of(3, Generate.constant(Kind.TTL_EXPIRE)));

    private final TestTable table;
    private final Gen<T> items;
    private final KeyAssigner<T> keys;
    private final int minPartitionKeys;
    private final int maxPartitionKeys;
    private final int minSortKeys;
    private final int maxSortKeys;
    private final int minChanges;
    private final int maxChanges;

    HistoryGenerator(TestTable table, Gen<T> items, KeyAssigner<T> keys) {
        this(
                Objects.requireNonNull(table, "table"),
                Objects.requireNonNull(items, "items"),
                Objects.requireNonNull(keys, "keys"),
                1,
                4,
                1,
                3,
                1,
                6);
    }

    private HistoryGenerator(
            TestTable table,
            Gen<T> items,
            KeyAssigner<T> keys,
            int minPartitionKeys,
            int maxPartitionKeys,
            int minSortKeys,
            int maxSortKeys,
            int minChanges,
            int maxChanges) {
        this.table = table;
        this.items = items;
        this.keys = keys;
        this.minPartitionKeys = minPartitionKeys;
        this.maxPartitionKeys = maxPartitionKeys;
        this.minSortKeys = minSortKeys;
        this.maxSortKeys = maxSortKeys;
        this.minChanges = minChanges;
        this.maxChanges = maxChanges;
    }

    /**
     * How many distinct partition keys (default 1 to 4).
     *
     * @throws IllegalArgumentException unless {@code 1 <= min <= max}
     */
    public HistoryGenerator<T> partitionKeys(int min, int max) {
        checkRange("partition keys", min, max);
        return new HistoryGenerator<>(table, items, keys, min, max, minSortKeys, maxSortKeys, minChanges, maxChanges);
    }

    /**
     * How many sort keys per partition key, for a table with a sort key (default 1 to 3).
     *
     * @throws IllegalArgumentException unless {@code 1 <= min <= max}
     */
    public HistoryGenerator<T> sortKeysPerPartition(int min, int max) {
        checkRange("sort keys per partition", min, max);
        return new HistoryGenerator<>(
                table, items, keys, minPartitionKeys, maxPartitionKeys, min, max, minChanges, maxChanges);
    }

    /**
     * How many changes each item gets (default 1 to 6); the first is always an INSERT.
     *
     * @throws IllegalArgumentException unless {@code 1 <= min <= max}
     */
    public HistoryGenerator<T> changesPerItem(int min, int max) {
        checkRange("changes per item", min, max);
        return new HistoryGenerator<>(
                table, items, keys, minPartitionKeys, maxPartitionKeys, minSortKeys, maxSortKeys, min, max);
    }

    private static void checkRange(String what, int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException(
                    what + " must satisfy 1 <= min <= max but were [" + min + ", " + max + "]");
        }
    }

    /*
     * QuickTheories shrinks the recorded stream of draws value by value, towards each draw's shrink
     * point; it never deletes draws. A draw whose meaning depends on how many draws came before it
     * (an element after a list that just got shorter) turns into something else, and such a shrink
     * rarely still fails. So the structure is drawn in a fixed shape: every partition slot, every
     * sort key slot and every possible change is drawn whatever the counts say, and the counts only
     * choose which draws are used. Item states come last, one per INSERT and MODIFY, because their
     * draws vary in number anyway.
     */
    @Override
    public History<T> generate(RandomnessSource in) {
        boolean sorted = table.sortKey().isPresent();
        int sortKeySlots = sorted ? maxSortKeys : 1;
        int partitionCount = Generate.range(minPartitionKeys, maxPartitionKeys).generate(in);
        List<PartitionSlot> partitions = new ArrayList<>(maxPartitionKeys);
        for (int p = 0; p < maxPartitionKeys; p++) {
            int rank = RANKS.generate(in);
            int sortKeyCount = sorted ? Generate.range(minSortKeys, maxSortKeys).generate(in) : 1;
            List<ItemSlot> sortKeys = new ArrayList<>(sortKeySlots);
            for (int s = 0; s < sortKeySlots; s++) {
                sortKeys.add(itemSlot(in, sorted ? RANKS.generate(in) : 0));
            }
            partitions.add(new PartitionSlot(rank, sortKeyCount, sortKeys));
        }

        List<Life> lives = new ArrayList<>();
        List<PartitionSlot> usedPartitions = used(partitions, partitionCount, PartitionSlot::rank);
        for (int p = 0; p < usedPartitions.size(); p++) {
            PartitionSlot partition = usedPartitions.get(p);
            List<ItemSlot> usedSortKeys = used(partition.sortKeys(), partition.sortKeyCount(), ItemSlot::rank);
            for (int s = 0; s < usedSortKeys.size(); s++) {
                lives.add(new Life("pk-" + p, sorted ? "sk-" + s : null, usedSortKeys.get(s)));
            }
        }
        return new History<>(table, interleave(lives, in));
    }

    private ItemSlot itemSlot(RandomnessSource in, int rank) {
        int length = Generate.range(minChanges, maxChanges).generate(in);
        // Every run but the last takes at least two changes: the INSERT and the delete.
        int runs = (maxChanges + 1) / 2;
        List<Run> lifeRuns = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            lifeRuns.add(new Run(RANKS.generate(in), MODIFY_RUNS.generate(in), DELETES.generate(in)));
        }
        List<Integer> delays = new ArrayList<>(maxChanges);
        for (int i = 0; i < maxChanges; i++) {
            delays.add(DELAYS.generate(in));
        }
        return new ItemSlot(rank, length, byRank(lifeRuns, Run::rank), delays);
    }

    /** The {@code count} slots of highest rank, in slot order (which names their keys). */
    private static <S> List<S> used(List<S> slots, int count, ToIntFunction<S> rank) {
        List<Integer> chosen = new ArrayList<>(rankOrder(slots, rank).subList(0, count));
        chosen.sort(Comparator.naturalOrder());
        return chosen.stream().map(slots::get).toList();
    }

    /** The slots from highest rank to lowest. */
    private static <S> List<S> byRank(List<S> slots, ToIntFunction<S> rank) {
        return rankOrder(slots, rank).stream().map(slots::get).toList();
    }

    private static <S> List<Integer> rankOrder(List<S> slots, ToIntFunction<S> rank) {
        List<Integer> order = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -rank.applyAsInt(slots.get(i)))
                .thenComparingInt(i -> i));
        return order;
    }

    /**
     * Each item's steps in its own order, merged by the time its delays put them at: a valid global
     * order whatever the delays are.
     */
    private List<Step<T>> interleave(List<Life> lives, RandomnessSource in) {
        List<Timed<T>> timed = new ArrayList<>();
        for (Life life : lives) {
            T current = null;
            int time = 0;
            List<Kind> kinds = kinds(life.slot());
            for (int i = 0; i < kinds.size(); i++) {
                time += life.slot().delays().get(i);
                Kind kind = kinds.get(i);
                T next = kind == Kind.INSERT || kind == Kind.MODIFY
                        ? keys.withKeys(items.generate(in), life.partitionKey(), life.sortKey())
                        : null;
                timed.add(new Timed<>(time, new Step<>(kind, life.partitionKey(), life.sortKey(), current, next)));
                current = next;
            }
        }
        // A stable sort: steps at the same time stay in item order, and each item's own order holds.
        timed.sort(Comparator.comparingInt(Timed::time));
        return timed.stream().map(Timed::step).toList();
    }

    /** An item's changes: runs of an INSERT, MODIFYs and a delete, cut off at its length. */
    private static List<Kind> kinds(ItemSlot slot) {
        List<Kind> kinds = new ArrayList<>(slot.length());
        for (Run run : slot.runs()) {
            kinds.add(Kind.INSERT);
            for (int i = 0; i < run.modifies() && kinds.size() < slot.length(); i++) {
                kinds.add(Kind.MODIFY);
            }
            if (kinds.size() < slot.length()) {
                kinds.add(run.delete());
            }
            if (kinds.size() >= slot.length()) {
                break;
            }
        }
        return kinds;
    }

    private record PartitionSlot(int rank, int sortKeyCount, List<ItemSlot> sortKeys) {}

    private record ItemSlot(int rank, int length, List<Run> runs, List<Integer> delays) {}

    private record Run(int rank, int modifies, Kind delete) {}

    private record Life(String partitionKey, String sortKey, ItemSlot slot) {}

    private record Timed<T>(int time, Step<T> step) {}
}
