package io.github.dynastream.testkit;

/**
 * Puts generated key values into a generated item, so all of an item's changes share its key.
 *
 * <pre>{@code
 * KeyAssigner<Order> keys = (order, partitionKey, sortKey) -> order.withId(partitionKey);
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface KeyAssigner<T> {
    /**
     * @param item a generated item
     * @param partitionKey the partition key value (a string attribute)
     * @param sortKey the sort key value, or null when the table has no sort key
     * @return the item with those keys
     */
    T withKeys(T item, String partitionKey, String sortKey);
}
