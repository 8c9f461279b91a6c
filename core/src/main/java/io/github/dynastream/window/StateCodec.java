package io.github.dynastream.window;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.ItemReader;
import io.github.dynastream.mapping.ItemWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** Lambda caps the state at 1 MB per shard; a nesting deeper than this is not a state we wrote. */
    private static final int MAX_DEPTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

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
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator out, AttributeValue value) throws IOException {
        out.writeStartObject();
        out.writeFieldName(value.type());
        if (value instanceof AttributeValue.S s) {
            out.writeString(s.value());
        } else if (value instanceof AttributeValue.N n) {
            out.writeString(n.value().toString());
        } else if (value instanceof AttributeValue.B b) {
            out.writeString(Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof AttributeValue.Bool bool) {
            out.writeBoolean(bool.value());
        } else if (value instanceof AttributeValue.Null) {
            out.writeBoolean(true);
        } else if (value instanceof AttributeValue.M m) {
            out.writeStartObject();
            for (Map.Entry<String, AttributeValue> entry : m.value().entrySet()) {
                out.writeFieldName(entry.getKey());
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof AttributeValue.L l) {
            out.writeStartArray();
            for (AttributeValue member : l.value()) {
                write(out, member);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.SS ss) {
            out.writeStartArray();
            for (String member : ss.value().stream().sorted().toList()) { // a set: one order, always
                out.writeString(member);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.NS ns) {
            out.writeStartArray();
            for (BigDecimal member :
                    ns.value().stream().sorted(BigDecimal::compareTo).toList()) {
                out.writeString(member.toString());
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.BS bs) {
            out.writeStartArray();
            for (byte[] member : bs.value()) {
                out.writeString(Base64.getEncoder().encodeToString(member));
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private static AttributeValue fromJson(String json) throws IOException {
        try (JsonParser in = JSON.createParser(json)) {
            in.nextToken();
            AttributeValue value = read(in);
            if (in.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return value;
        }
    }

    /** Reads the value whose START_OBJECT is the current token, leaving its END_OBJECT current. */
    private static AttributeValue read(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME) {
            throw new IOException("not a typed value");
        }
        String type = in.currentName();
        JsonToken token = in.nextToken();
        AttributeValue value = switch (type) {
            case "S" -> new AttributeValue.S(text(in, token));
            case "N" -> new AttributeValue.N(new BigDecimal(text(in, token)));
            case "B" -> new AttributeValue.B(Base64.getDecoder().decode(text(in, token)));
            case "BOOL" -> new AttributeValue.Bool(in.getBooleanValue());
            case "NULL" -> AttributeValue.Null.INSTANCE;
            case "M" -> {
                expect(token, JsonToken.START_OBJECT);
                Map<String, AttributeValue> members = new LinkedHashMap<>();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    in.nextToken();
                    members.put(name, read(in));
                }
                yield new AttributeValue.M(members);
            }
            case "L" -> {
                expect(token, JsonToken.START_ARRAY);
                List<AttributeValue> members = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    members.add(read(in));
                }
                yield new AttributeValue.L(members);
            }
            case "SS", "NS", "BS" -> {
                expect(token, JsonToken.START_ARRAY);
                List<String> members = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    members.add(text(in, in.currentToken()));
                }
                yield switch (type) {
                    case "SS" -> new AttributeValue.SS(members);
                    case "NS" ->
                        new AttributeValue.NS(
                                members.stream().map(BigDecimal::new).toList());
                    default ->
                        new AttributeValue.BS(members.stream()
                                .map(Base64.getDecoder()::decode)
                                .toList());
                };
            }
            default -> throw new IOException("unknown type");
        };
        if (in.nextToken() != JsonToken.END_OBJECT) {
            throw new IOException("more than one type");
        }
        return value;
    }

    private static String text(JsonParser in, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_STRING);
        return in.getText();
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + " but was " + token);
        }
    }
}
