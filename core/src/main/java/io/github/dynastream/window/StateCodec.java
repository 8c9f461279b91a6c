package io.github.dynastream.window;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.mapping.AttributeValueJson;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.ItemReader;
import io.github.dynastream.mapping.ItemWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A window state in Lambda's {@code Map<String, String>}: the state object is written through the
 * {@link ItemMapper} as an item, and each attribute is kept as a string: a string attribute as
 * itself ({@code "customer" -> "alice"}) unless it begins with <code>{</code>, every other attribute
 * as its DynamoDB JSON ({@code "total" -> {"N":"12.50"}}). Numbers, sets and binary survive every
 * invocation exactly, the state stays readable in the function's logs, and a state of plain strings
 * (as other tools write it) reads as string attributes. Lambda recommends {@code Map<String, String>} for Java
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html). Thread-safe.
 */
final class StateCodec<S> {
    private final Class<S> type;
    private final ItemReader<S> reader;
    private final ItemWriter<S> writer;

    StateCodec(Class<S> type, ItemMapper mapper) {
        this.type = type;
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    Map<String, String> encode(S state) {
        Map<String, String> encoded = new LinkedHashMap<>();
        writer.write(state)
                .forEach((name, value) -> encoded.put(
                        name,
                        value instanceof AttributeValue.S s && !s.value().startsWith("{") ? s.value() : toJson(value)));
        return encoded;
    }

    /**
     * @throws IllegalArgumentException if an entry is not DynamoDB JSON (naming the entry, not its
     *     content) or the attributes do not map to the state type
     */
    S decode(Map<String, String> state) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        state.forEach((name, json) -> {
            try {
                item.put(name, json.startsWith("{") ? fromJson(json) : new AttributeValue.S(json));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("window state entry [" + name
                        + "] is not a DynamoDB JSON attribute value of a " + type.getSimpleName() + " state: "
                        + e.getClass().getSimpleName());
            }
        });
        return reader.read(item);
    }

    private static String toJson(AttributeValue value) {
        return AttributeValueJson.toJson(sorted(value));
    }

    /** Set members in one order, so that an unchanged state is the same text every time. */
    private static AttributeValue sorted(AttributeValue value) {
        if (value instanceof AttributeValue.SS ss) {
            return new AttributeValue.SS(ss.value().stream().sorted().toList());
        }
        if (value instanceof AttributeValue.NS ns) {
            return new AttributeValue.NS(
                    ns.value().stream().sorted(BigDecimal::compareTo).toList());
        }
        return value;
    }

    private static AttributeValue fromJson(String json) throws IOException {
        return AttributeValueJson.fromJson(json);
    }
}
