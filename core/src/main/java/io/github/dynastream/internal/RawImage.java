package io.github.dynastream.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.github.dynastream.AttributeValue;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An image still in the event's bytes: its DynamoDB JSON, for readers that map it straight into an
 * item without building {@link AttributeValue}s first.
 *
 * @param factory the parser factory
 * @param source the event's bytes
 * @param offset where the image's JSON object starts
 * @param length how long it is
 * @param decoded the image as attributes, for error messages and fallbacks
 */
public record RawImage(
        JsonFactory factory, byte[] source, int offset, int length, Supplier<Map<String, AttributeValue>> decoded) {

    /** A parser positioned before the image's opening brace. */
    public JsonParser parser() throws IOException {
        return factory.createParser(source, offset, length);
    }
}
