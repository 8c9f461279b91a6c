package io.github.dynastream.mapping;

import io.github.dynastream.source.RawImage;

/**
 * An {@link ItemReader} that can also map an image straight from its DynamoDB JSON, which is faster
 * and allocates less when the event arrived as bytes.
 *
 * @param <T> the item type
 */
public interface RawImageReader<T> extends ItemReader<T> {
    /**
     * Maps the image from its DynamoDB JSON. {@link RawImage#parser()} refuses to go deeper than the
     * nesting limit; an image this reader cannot map from its JSON for that or any other reason is
     * mapped from {@link RawImage#get()}, which reports what is wrong.
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
     * <p>The parser is limited to the nesting limit: it throws a {@link
     * com.fasterxml.jackson.core.exc.StreamConstraintsException} where the image nests deeper, and the
     * caller then leaves the image to the full path too.
     *
     * @throws java.io.IOException if the JSON itself is malformed, or nests too deep
     */
    default T readInPlace(com.fasterxml.jackson.core.JsonParser parser) throws java.io.IOException {
        return null;
    }
}
