package io.github.dynastream.mapping;

import io.github.dynastream.AttributeValue;
import java.util.Map;

/**
 * Turns an item into a stream image: the inverse of {@link ItemReader}, used to build test events
 * from the same classes a handler takes. Created once per type by {@link
 * ItemMapper#writerFor(java.lang.reflect.Type)}; implementations must be thread-safe.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface ItemWriter<T> {
    /**
     * Maps the item.
     *
     * @param item the item; not null
     * @return its attributes, in a stable order
     * @throws IllegalArgumentException if the item has a value DynamoDB cannot store (e.g. NaN),
     *     naming the attribute
     */
    Map<String, AttributeValue> write(T item);
}
