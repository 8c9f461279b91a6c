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

    /**
     * Maps the image from the event's own parser, while the event is parsed, when this reader can do
     * so without failing: the parser is on the image's opening brace. Returns the item with the parser
     * on the image's closing brace, or null, leaving the parser anywhere inside the image, when the
     * image needs the full path ({@link #readRaw}), which then maps it or says what is wrong.
     *
     * @throws java.io.IOException if the JSON itself is malformed
     */
    default T readInPlace(com.fasterxml.jackson.core.JsonParser parser) throws java.io.IOException {
        return null;
    }
}
