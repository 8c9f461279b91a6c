package io.github.dynastream.mapping;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ItemMappingException;
import java.util.Map;

/**
 * Turns one stream image into an item of one type. Created once per type by {@link
 * ItemMapper#readerFor(java.lang.reflect.Type)}; implementations must be thread-safe.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface ItemReader<T> {
    /**
     * Maps the image.
     *
     * @param image the image's attributes
     * @return the item; never null
     * @throws ItemMappingException naming the attribute and target type (never the value)
     */
    T read(Map<String, AttributeValue> image);
}
