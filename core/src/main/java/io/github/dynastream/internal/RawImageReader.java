package io.github.dynastream.internal;

import io.github.dynastream.mapping.ItemReader;

/**
 * An {@link ItemReader} that can also map an image straight from its DynamoDB JSON, which is faster
 * and allocates less when the event arrived as bytes.
 *
 * @param <T> the item type
 */
public interface RawImageReader<T> extends ItemReader<T> {
    /**
     * Maps the image from its DynamoDB JSON.
     *
     * @throws io.github.dynastream.ItemMappingException as {@link #read} does
     */
    T readRaw(RawImage image);
}
