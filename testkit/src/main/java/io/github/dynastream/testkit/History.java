package io.github.dynastream.testkit;

import java.util.List;
import java.util.Objects;

/**
 * A generated sequence of changes to a table's items, in one valid global order: each item's changes
 * follow its life cycle (insert, modifications, a delete or a TTL expiry, perhaps a new insert).
 * Produced by {@link StreamGenerators#histories}; {@link #toStream()} writes it as a shard.
 *
 * @param <T> the item type
 */
public final class History<T> {
    private final TestTable table;
    private final List<Step<T>> steps;

    History(TestTable table, List<Step<T>> steps) {
        this.table = table;
        this.steps = List.copyOf(steps);
    }

    /** The changes, in stream order. */
    public List<Step<T>> steps() {
        return steps;
    }

    /** How many changes there are. */
    public int size() {
        return steps.size();
    }

    /** A new shard of the table's stream holding these changes, one record per step, in order. */
    public TestStream toStream() {
        TestStream stream = table.stream();
        for (Step<T> step : steps) {
            switch (step.kind()) {
                case INSERT -> stream.insert(step.after());
                case MODIFY -> stream.modify(step.before(), step.after());
                case REMOVE -> stream.remove(step.before());
                case TTL_EXPIRE -> stream.ttlExpire(step.before());
            }
        }
        return stream;
    }

    @Override
    public String toString() {
        return "History" + steps;
    }

    /** What a step does to its item. */
    public enum Kind {
        /** The item is created. */
        INSERT,
        /** The item is updated. */
        MODIFY,
        /** The item is deleted by a user. */
        REMOVE,
        /** The item is deleted by Time to Live. */
        TTL_EXPIRE
    }

    /**
     * One change.
     *
     * @param kind what happens
     * @param partitionKey the item's partition key value
     * @param sortKey the item's sort key value, or null for a table without one
     * @param before the item before (null for INSERT)
     * @param after the item after (null for REMOVE and TTL_EXPIRE)
     * @param <T> the item type
     */
    public record Step<T>(Kind kind, String partitionKey, String sortKey, T before, T after) {
        public Step {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(partitionKey, "partitionKey");
        }

        @Override
        public String toString() {
            return kind + "(" + partitionKey + (sortKey == null ? "" : "/" + sortKey) + ")";
        }
    }
}
