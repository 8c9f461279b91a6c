package io.github.dynastream.testkit;

import io.github.dynastream.testkit.History.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Generates {@link History histories}: items with life cycles (insert, modifications, a delete or
 * TTL expiry, sometimes a re-insert) over several partition keys and, when the table has one, sort
 * keys, interleaved into one shard. Each configuration method returns a new arbitrary; shrinking
 * shortens life cycles, removes items and simplifies the interleaving.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<History<Order>> histories() {
 *     return StreamArbitraries.histories(table, orders(), (o, pk, sk) -> o.withId(pk))
 *             .partitionKeys(1, 5)
 *             .changesPerItem(1, 8);
 * }
 * }</pre>
 *
 * <p>Key values are strings: {@code pk-0}, {@code pk-1}, ... and {@code sk-0}, {@code sk-1}, ...
 *
 * @param <T> the item type
 */
public final class HistoryArbitrary<T> extends ArbitraryDecorator<History<T>> {
    private final TestTable table;
    private final Arbitrary<T> items;
    private final KeyAssigner<T> keys;
    private int minPartitionKeys = 1;
    private int maxPartitionKeys = 4;
    private int minSortKeys = 1;
    private int maxSortKeys = 3;
    private int minChanges = 1;
    private int maxChanges = 6;

    HistoryArbitrary(TestTable table, Arbitrary<T> items, KeyAssigner<T> keys) {
        this.table = Objects.requireNonNull(table, "table");
        this.items = Objects.requireNonNull(items, "items");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** How many distinct partition keys (default 1 to 4). */
    public HistoryArbitrary<T> partitionKeys(int min, int max) {
        checkRange("partition keys", min, max, 1);
        HistoryArbitrary<T> copy = typedClone();
        copy.minPartitionKeys = min;
        copy.maxPartitionKeys = max;
        return copy;
    }

    /** How many sort keys per partition key, for a table with a sort key (default 1 to 3). */
    public HistoryArbitrary<T> sortKeysPerPartition(int min, int max) {
        checkRange("sort keys per partition", min, max, 1);
        HistoryArbitrary<T> copy = typedClone();
        copy.minSortKeys = min;
        copy.maxSortKeys = max;
        return copy;
    }

    /** How many changes each item gets (default 1 to 6); the first is always an INSERT. */
    public HistoryArbitrary<T> changesPerItem(int min, int max) {
        checkRange("changes per item", min, max, 1);
        HistoryArbitrary<T> copy = typedClone();
        copy.minChanges = min;
        copy.maxChanges = max;
        return copy;
    }

    private static void checkRange(String what, int min, int max, int lowest) {
        if (min < lowest || max < min) {
            throw new IllegalArgumentException(
                    what + " must satisfy " + lowest + " <= min <= max but were [" + min + ", " + max + "]");
        }
    }

    @Override
    protected Arbitrary<History<T>> arbitrary() {
        boolean sorted = table.sortKey().isPresent();
        Arbitrary<Integer> sortKeysPerPartition =
                sorted ? Arbitraries.integers().between(minSortKeys, maxSortKeys) : Arbitraries.just(1);
        Arbitrary<List<Integer>> layout =
                sortKeysPerPartition.list().ofMinSize(minPartitionKeys).ofMaxSize(maxPartitionKeys);
        return layout.flatMap(sortKeyCounts -> {
            List<String[]> itemKeys = new ArrayList<>();
            for (int p = 0; p < sortKeyCounts.size(); p++) {
                for (int s = 0; s < sortKeyCounts.get(p); s++) {
                    itemKeys.add(new String[] {"pk-" + p, sorted ? "sk-" + s : null});
                }
            }
            Arbitrary<List<List<Step<T>>>> lives = Arbitraries.just(new ArrayList<List<Step<T>>>());
            for (String[] key : itemKeys) {
                Arbitrary<List<Step<T>>> life = lifeCycle(key[0], key[1]);
                lives = Combinators.combine(lives, life).as((soFar, next) -> {
                    List<List<Step<T>>> all = new ArrayList<>(soFar);
                    all.add(next);
                    return all;
                });
            }
            return lives.flatMap(all -> {
                int total = all.stream().mapToInt(List::size).sum();
                return Arbitraries.integers()
                        .between(0, Integer.MAX_VALUE - 1)
                        .list()
                        .ofSize(total)
                        .map(choices -> new History<>(table, interleave(all, choices)));
            });
        });
    }

    /** One item's changes: a valid life cycle of the configured length. */
    private Arbitrary<List<Step<T>>> lifeCycle(String partitionKey, String sortKey) {
        Arbitrary<Integer> length = Arbitraries.integers().between(minChanges, maxChanges);
        return length.flatMap(n -> Combinators.combine(
                        Arbitraries.integers().between(0, 99).list().ofSize(n),
                        items.list().ofSize(n))
                .as((choices, states) -> steps(partitionKey, sortKey, choices, states)));
    }

    private List<Step<T>> steps(String partitionKey, String sortKey, List<Integer> choices, List<T> states) {
        List<Step<T>> steps = new ArrayList<>(choices.size());
        T current = null;
        for (int i = 0; i < choices.size(); i++) {
            T next = keys.withKeys(states.get(i), partitionKey, sortKey);
            int choice = choices.get(i);
            if (current == null) {
                steps.add(new Step<>(History.Kind.INSERT, partitionKey, sortKey, null, next));
                current = next;
            } else if (choice < 60) {
                steps.add(new Step<>(History.Kind.MODIFY, partitionKey, sortKey, current, next));
                current = next;
            } else {
                History.Kind kind = choice < 85 ? History.Kind.REMOVE : History.Kind.TTL_EXPIRE;
                steps.add(new Step<>(kind, partitionKey, sortKey, current, null));
                current = null;
            }
        }
        return steps;
    }

    /** Merges the life cycles into one order that keeps each one's own order. */
    private static <T> List<Step<T>> interleave(List<List<Step<T>>> lives, List<Integer> choices) {
        List<Integer> next = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < lives.size(); i++) {
            next.add(0);
            if (!lives.get(i).isEmpty()) {
                open.add(i);
            }
        }
        List<Step<T>> merged = new ArrayList<>(choices.size());
        for (int choice : choices) {
            int pick = open.get(choice % open.size());
            int position = next.get(pick);
            merged.add(lives.get(pick).get(position));
            next.set(pick, position + 1);
            if (position + 1 == lives.get(pick).size()) {
                open.remove(Integer.valueOf(pick));
            }
        }
        return merged;
    }
}
